// The slot the body's connectivity sheet renders: what other areas (and plugins) show about one body.
declare module '@gea/web-kit/plugin' {
  interface WidgetSlots {
    /** The connectivity sheet of one body. */
    'connectivity.body': { entityId: string };
  }
}
export {};
