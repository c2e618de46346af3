// What every screen knows about the signed-in person: who they are, what they may do, which bodies
// they may see and which modules are enabled there. The kit owns the type and the context; the
// app's signed-in layout provides it.
import { createContext, useContext } from 'solid-js';
import { accessFor, type Access, type Role } from './access.ts';
import { graphql, type ResultOf } from './graphql.ts';
import { permissionTable, pluginRoutes, type PluginRoute } from './registry.ts';

export const ShellQuery = graphql(`
  query Shell {
    me {
      id
      name
      email
      roles {
        id
        role
        entity {
          id
          name
        }
      }
    }
    # A union or convention has tens of bodies, not hundreds: one page is all of them.
    entities(first: 100) {
      edges {
        node {
          id
          name
          kind
          enabledModules
        }
      }
    }
  }
`);

export type Me = NonNullable<ResultOf<typeof ShellQuery>['me']>;
export type ShellBody = ResultOf<typeof ShellQuery>['entities']['edges'][number]['node'];

export interface Shell {
  me: Me;
  access: Access;
  /** The bodies the person may read, by name. */
  bodies: readonly ShellBody[];
  /** Readable bodies with `module` enabled, where the person holds `permission` (if given). */
  bodiesWithModule(module: string, permission?: string | null): readonly ShellBody[];
  /** A plugin screen is offered when its module is enabled on a body where the person holds its permission. */
  routeVisible(route: Pick<PluginRoute, 'module' | 'permission'>): boolean;
  /** Plugin screens with a menu entry the person is offered, in menu order. */
  menuRoutes(): readonly PluginRoute[];
  roleLabel(role: Role): string;
}

export const ShellContext = createContext<() => Shell>();

/** The shell of the signed-in person; only inside the signed-in layout. */
export function useShell(): () => Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell: outside the signed-in layout');
  return shell;
}

/** The shell of `me`: what they may do follows their roles under the installed permissions. */
export function makeShell(me: Me, bodies: readonly ShellBody[], roleLabel: (role: Role) => string): Shell {
  const access = accessFor(me.roles, permissionTable());
  const bodiesWithModule = (module: string, permission?: string | null) =>
    bodies.filter((body) => body.enabledModules.includes(module) && (!permission || access.can(permission, body.id)));
  const routeVisible = (route: Pick<PluginRoute, 'module' | 'permission'>) => bodiesWithModule(route.module, route.permission).length > 0;
  return {
    me,
    access,
    bodies,
    bodiesWithModule,
    routeVisible,
    menuRoutes: () =>
      pluginRoutes()
        .filter((route) => route.menu && routeVisible(route))
        .sort((a, b) => (a.menu!.order ?? 100) - (b.menu!.order ?? 100)),
    roleLabel,
  };
}
