// minisearch publishes its radix tree as the subpath export `minisearch/SearchableMap`, which the
// project's module resolution ("node") does not read; its type declarations are in the package's dist.
declare module 'minisearch/SearchableMap' {
  import SearchableMap from 'minisearch/dist/es/SearchableMap';
  export default SearchableMap;
}
