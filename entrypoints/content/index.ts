export default defineContentScript({
  matches: ['http://localhost/*'],
  main() {
    console.log('siyaq content');
  },
});
