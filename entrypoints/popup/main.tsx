import { render } from 'preact';
import { SearchPanel } from '../../components/popup/SearchPanel';
import { loadNameTable } from '../../lib/kb/names';
import { quickSearch } from '../../lib/kb/quick-search';

const rows = loadNameTable();
const search = (q: string) => quickSearch(rows, q);
render(<SearchPanel search={search} />, document.getElementById('app')!);
