// The Designers Italia model for municipal sites, as data: content types and their sections,
// closed taxonomies, menus, required links. Imported by the server, the web client and apps/site.
export * from './content-types.ts';
export * from './menus.ts';
export * from './taxonomies.ts';
