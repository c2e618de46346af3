// Removing software from an asset, from the licence's page and from the asset's page alike.
import { graphql } from '@gea/web-kit';

export const RemoveSoftwareMutation = graphql(`
  mutation InventoryRemoveSoftware($installationId: ID!) {
    removeSoftware(installationId: $installationId) {
      __typename
      ... on SoftwareInstallation {
        id
        removedOn
      }
      ... on InputError {
        message
        issues {
          path
          message
          code
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

