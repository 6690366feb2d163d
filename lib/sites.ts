/**
 * Major Arabic news sites where the content script runs by default. Readers add others from the
 * popup (the host permission is asked for then). Localhost is listed so the demo and the
 * end-to-end tests exercise exactly the build a reader installs; the script does nothing on a
 * page that is not mostly Arabic.
 */
export const NEWS_SITE_HOSTS: readonly string[] = [
  'aljazeera.net',
  'alarabiya.net',
  'independentarabia.com',
  'skynewsarabia.com',
  'aawsat.com',
  'alquds.co.uk',
  'alaraby.co.uk',
  'annahar.com',
  'almayadeen.net',
  'youm7.com',
  'ahram.org.eg',
  'masrawy.com',
  'arabic.cnn.com',
  'arabic.rt.com',
  'arabic.euronews.com',
  'hespress.com',
  'alkhaleej.ae',
  'albayan.ae',
  'okaz.com.sa',
  'alriyadh.com',
  'asharq.com',
  'arabi21.com',
  'alghad.com',
  'enabbaladi.net',
];

/** Sites whose Arabic edition lives under a path of a multilingual domain. */
export const NEWS_SITE_PATHS: readonly string[] = ['https://www.bbc.com/arabic/*', 'https://www.france24.com/ar/*', 'https://www.dw.com/ar/*'];

export const LOCAL_MATCHES: readonly string[] = ['http://localhost/*', 'http://127.0.0.1/*'];

export const NEWS_SITE_MATCHES: readonly string[] = [
  ...NEWS_SITE_HOSTS.flatMap((h) => [`https://${h}/*`, `https://*.${h}/*`]),
  ...NEWS_SITE_PATHS,
  ...LOCAL_MATCHES,
];
