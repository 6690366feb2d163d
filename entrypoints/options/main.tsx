import { render } from 'preact';
import { App } from '../../components/options/App';
import '../../components/options/options.css';

render(<App />, document.getElementById('app')!);
