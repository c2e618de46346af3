// Links a registry office to its protocol system and the API token that system uses (only that
// token may then register the office's messages and receipts). For those who manage API tokens.
import { createFieldErrors, createMutation, createQuery, describeTypedError, ErrorNotice, graphql, isTypedError, SelectField, t, TextField , SuccessNotice } from '@gea/web-kit';
import type { CombinedError } from '@urql/core';
import { createSignal } from 'solid-js';
import { m } from './messages.ts';

const TokensQuery = graphql(`
  query PecProtocolTokens {
    apiTokens {
      id
      name
      prefix
      scopes
      entity {
        id
      }
    }
  }
`);

const SetProtocolSystem = graphql(`
  mutation PecSetProtocolSystem($id: ID!, $name: String, $apiTokenId: ID, $expectedVersion: Int) {
    setRegistryOfficeProtocolSystem(id: $id, name: $name, apiTokenId: $apiTokenId, expectedVersion: $expectedVersion) {
      __typename
      ... on RegistryOffice {
        id
        version
      }
      ... on InputError {
        message
        issues {
          path
          message
          code
          minimum
          maximum
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

export function ProtocolSystemForm(props: { officeId: string; entityId: string; name: string; version: number; onSaved: (version: number) => void }) {
  const [tokens] = createQuery({ query: TokensQuery });
  const [name, setName] = createSignal(props.name);
  const [tokenId, setTokenId] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  const errors = createFieldErrors(['name', 'apiTokenId'], []);
  const [, save] = createMutation(SetProtocolSystem);
  // Tokens of the office's body that may write PEC data: the only ones the API accepts.
  const usable = () => (tokens.data?.apiTokens ?? []).filter((token) => token.entity?.id === props.entityId && token.scopes.includes('pec-signatures:write'));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    errors.clear();
    setSaving(true);
    const outcome = await save({ id: props.officeId, name: name().trim() || null, apiTokenId: tokenId() || null, expectedVersion: props.version });
    setSaving(false);
    const value = outcome.data?.setRegistryOfficeProtocolSystem;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (value.__typename === 'RegistryOffice') {
      setSaved(m('protocolSaved'));
      props.onSaved(value.version);
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <form class="form form-grid" onSubmit={(event) => void submit(event)} aria-label={m('protocolSystem')}>
      <ErrorNotice message={failure()?.message ?? errors.of('')} error={failure()?.error} />
      <SuccessNotice focus message={saved()} />
      <TextField id="office-protocol-name" label={m('protocolSystemName')} value={name()} onValue={setName} error={errors.of('name')} />
      <SelectField
        id="office-protocol-token"
        label={m('protocolToken')}
        hint={m('protocolTokenHint')}
        empty={m('noToken')}
        value={tokenId()}
        onValue={setTokenId}
        error={errors.of('apiTokenId')}
        options={usable().map((token) => ({ value: token.id, label: `${token.name} (gea_${token.prefix}_…)` }))}
      />
      <div class="form-actions">
        <button type="submit" class="button-primary" disabled={saving()}>
          {saving() ? t('common.saving') : m('saveProtocol')}
        </button>
      </div>
    </form>
  );
}
