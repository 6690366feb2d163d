import { useState } from 'preact/hooks';
import { ADJECTIVE_MODES, EVENT_ORDERS, HIGHLIGHTS, LANGUAGES, TRIGGERS, type Settings } from '../../lib/settings';
import { ErrorBox } from './ErrorBox';
import { useT } from './lang';

export type SaveState = { state: 'idle' | 'saving' | 'saved' } | { state: 'error'; error: { message: string; code?: string } };

interface Props {
  settings: Settings;
  save: SaveState;
  onChange(patch: Partial<Settings>): void;
}

/** Delays: what the schema allows, narrowed to what is sensible to pick with a slider. */
const DELAYS = [
  { key: 'dwellMs', name: 'dwell', min: 0, max: 1000, step: 25 },
  { key: 'showMs', name: 'show', min: 0, max: 2000, step: 50 },
  { key: 'graceMs', name: 'grace', min: 0, max: 2000, step: 50 },
] as const;

function Choice<T extends string>(props: {
  name: string;
  legend: string;
  hint?: string;
  options: readonly T[];
  value: T;
  label(v: T): string;
  onPick(v: T): void;
}) {
  return (
    <fieldset class="choice" data-setting={props.name}>
      <legend>{props.legend}</legend>
      {props.hint && <p class="muted small">{props.hint}</p>}
      <div class="choice-options">
        {props.options.map((o) => (
          <label key={o} class={props.value === o ? 'picked' : ''}>
            <input type="radio" name={props.name} value={o} checked={props.value === o} onChange={() => props.onPick(o)} />
            <span>{props.label(o)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function SiteList(props: {
  title: string;
  hint: string;
  empty: string;
  sites: string[];
  testid: string;
  removeLabel(o: string): string;
  onRemove(o: string): void;
}) {
  return (
    <div class="sites" data-testid={props.testid}>
      <h4>{props.title}</h4>
      <p class="muted small">{props.hint}</p>
      {props.sites.length === 0 ? (
        <p class="muted">{props.empty}</p>
      ) : (
        <ul>
          {props.sites.map((o) => (
            <li key={o} data-origin={o}>
              <bdi dir="ltr">{o}</bdi>
              <button type="button" class="link-button" data-action="remove-site" aria-label={props.removeLabel(o)} onClick={() => props.onRemove(o)}>
                {props.removeLabel('')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SettingsPanel({ settings, save, onChange }: Props) {
  const tr = useT();
  // Slider positions while dragging; saved on release.
  const [drag, setDrag] = useState<Partial<Record<(typeof DELAYS)[number]['key'], number>>>({});

  return (
    <section class="panel" aria-labelledby="settings-title" data-testid="settings">
      <div class="panel-head">
        <h2 id="settings-title">{tr('options_settings_title')}</h2>
        <span class={`save-state save-${save.state}`} role="status" aria-live="polite" data-testid="settings-saved" data-state={save.state}>
          {save.state === 'saving' && tr('options_saving')}
          {save.state === 'saved' && `✓ ${tr('options_saved')}`}
        </span>
      </div>
      {save.state === 'error' && <ErrorBox context="settings" error={save.error} />}

      <Choice
        name="language"
        legend={tr('options_language')}
        options={LANGUAGES}
        value={settings.language}
        label={(v) => tr(`options_language_${v}`)}
        onPick={(language) => onChange({ language })}
      />

      <Choice
        name="trigger"
        legend={tr('options_trigger')}
        options={TRIGGERS}
        value={settings.trigger}
        label={(v) => tr(`options_trigger_${v}`)}
        onPick={(trigger) => onChange({ trigger })}
      />

      <fieldset class="delays" disabled={settings.trigger === 'off'}>
        <legend>{tr('options_delays')}</legend>
        {DELAYS.map((d) => {
          const value = Math.min(d.max, drag[d.key] ?? settings[d.key]);
          const id = `delay-${d.key}`;
          return (
            <div class="delay" key={d.key}>
              <label for={id}>{tr(`options_delay_${d.name}`)}</label>
              <input
                id={id}
                type="range"
                min={d.min}
                max={d.max}
                step={d.step}
                value={value}
                data-setting={d.key}
                aria-describedby={`${id}-hint`}
                onInput={(e) => setDrag((prev) => ({ ...prev, [d.key]: Number((e.currentTarget as HTMLInputElement).value) }))}
                onChange={(e) => {
                  const v = Number((e.currentTarget as HTMLInputElement).value);
                  setDrag((prev) => ({ ...prev, [d.key]: undefined }));
                  onChange({ [d.key]: v } as Partial<Settings>);
                }}
              />
              <output for={id}>{tr('options_ms', value)}</output>
              <p id={`${id}-hint`} class="muted small">
                {tr(`options_delay_${d.name}_hint`)}
              </p>
            </div>
          );
        })}
      </fieldset>

      <fieldset class="choice" data-setting="highlight">
        <legend>{tr('options_highlight')}</legend>
        <div class="choice-options">
          {HIGHLIGHTS.map((h) => (
            <label key={h} class={settings.highlight === h ? 'picked' : ''}>
              <input type="radio" name="highlight" value={h} checked={settings.highlight === h} onChange={() => onChange({ highlight: h })} />
              <span>{tr(`options_highlight_${h}`)}</span>
              <span class={`sample hl-${h}`} lang="ar" dir="rtl" aria-hidden="true">
                {tr('options_highlight_sample')}
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <Choice
        name="adjectives"
        legend={tr('options_adjectives')}
        hint={tr('options_adjectives_hint')}
        options={ADJECTIVE_MODES}
        value={settings.adjectives}
        label={(v) => tr(`options_adjectives_${v}`)}
        onPick={(adjectives) => onChange({ adjectives })}
      />

      <Choice
        name="eventOrder"
        legend={tr('options_event_order')}
        options={EVENT_ORDERS}
        value={settings.eventOrder}
        label={(v) => tr(`options_event_order_${v}`)}
        onPick={(eventOrder) => onChange({ eventOrder })}
      />

      <label class="check">
        <input
          type="checkbox"
          data-setting="showAmbiguous"
          checked={settings.showAmbiguous !== false}
          onChange={(e) => onChange({ showAmbiguous: (e.currentTarget as HTMLInputElement).checked })}
        />
        <span>
          {tr('options_show_ambiguous')}
          <span class="muted small block">{tr('options_show_ambiguous_hint')}</span>
        </span>
      </label>

      <SiteList
        title={tr('options_sites_on')}
        hint={tr('options_sites_on_hint')}
        empty={tr('options_sites_none')}
        sites={settings.sites}
        testid="sites-on"
        removeLabel={(o) => (o ? tr('options_site_remove_named', o) : tr('options_site_remove'))}
        onRemove={(o) => onChange({ sites: settings.sites.filter((s) => s !== o) })}
      />
      <SiteList
        title={tr('options_sites_off')}
        hint={tr('options_sites_off_hint')}
        empty={tr('options_sites_none')}
        sites={settings.disabledSites}
        testid="sites-off"
        removeLabel={(o) => (o ? tr('options_site_reenable_named', o) : tr('options_site_reenable'))}
        onRemove={(o) => onChange({ disabledSites: settings.disabledSites.filter((s) => s !== o) })}
      />
    </section>
  );
}
