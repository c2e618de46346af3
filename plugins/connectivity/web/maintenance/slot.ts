// The slot of a body's connectivity sheet: other areas of the plugin (and other plugins) add widgets to it.
declare module '@gea/web-kit/plugin' {
  interface WidgetSlots {
    /** A body's connectivity sheet, below its sites and circuits. */
    'connectivity.body': { entityId: string };
  }
}
export {};
