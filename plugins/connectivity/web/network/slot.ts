// The slot of the body's connectivity sheet, where other connectivity screens (and other plugins)
// add their widgets: the body's contracts, maintenance, notice dates.
declare module '@gea/web-kit/plugin' {
  interface WidgetSlots {
    /** A body's connectivity sheet (/connectivity/bodies/:id), below its sites and circuits. */
    'connectivity.body': { entityId: string };
  }
}

export {};
