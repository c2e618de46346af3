// A new account: name, e-mail, an initial password (or none, for people who sign in through SPID,
// CIE or another digital identity) and language. Then the user's page, where roles are granted.
import {
  createFieldErrors,
  createMutation,
  ErrorNotice,
  ErrorSummary,
  graphql,
  isTypedError,
  describeTypedError,
  PageHeading,
  SelectField,
  t,
  TextField,
} from '@gea/web-kit';
import { A, useNavigate } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { um } from './messages.ts';

const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      __typename
      ... on User {
        id
        name
      }
      ... on InputError {
        issues {
          path
          message
          code
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const FIELDS = ['name', 'email', 'password', 'locale'] as const;
type Field = (typeof FIELDS)[number];

export default function NewUser() {
  const navigate = useNavigate();
  const [, createUser] = createMutation(CreateUserMutation);
  const [form, setForm] = createStore<Record<Field, string>>({ name: '', email: '', password: '', locale: 'it' });
  const errors = createFieldErrors(FIELDS);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  const [saving, setSaving] = createSignal(false);
  const labels = () => ({ name: um('name'), email: um('email'), password: um('password'), locale: um('locale') });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    errors.clear();
    setSaving(true);
    const outcome = await createUser({
      input: { name: form.name, email: form.email, password: form.password === '' ? null : form.password, locale: form.locale },
    });
    setSaving(false);
    const value = outcome.data?.createUser;
    if (outcome.error || !value) return void setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return void errors.fromIssues(value.issues);
    if (value.__typename === 'ConflictError') return void errors.set({ email: um('emailTaken') });
    if (value.__typename === 'User') return navigate(`/users/${encodeURIComponent(value.id)}`, { state: { created: value.name } });
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const bind = (name: Field) => ({
    id: `new-user-${name}`,
    label: labels()[name],
    value: form[name],
    onValue: (value: string) => setForm(name, value),
    error: errors.of(name),
  });

  return (
    <>
      <p class="breadcrumb">
        <A href="/users">{t('common.back')}</A>
      </p>
      <PageHeading title={um('newTitle')}>
        <p class="lead">{um('newIntro')}</p>
      </PageHeading>
      <Show when={errors.any()}>
        <ErrorSummary title={um('errorsTitle')} errors={errors.all()} labels={labels()} idPrefix="new-user-" />
      </Show>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <form class="form" onSubmit={(event) => void submit(event)} novalidate>
        <fieldset disabled={saving()}>
          <TextField {...bind('name')} required autocomplete="off" />
          <TextField {...bind('email')} type="email" required autocomplete="off" />
          <TextField {...bind('password')} type="password" hint={um('passwordHint')} autocomplete="new-password" />
          <SelectField
            {...bind('locale')}
            options={[
              { value: 'it', label: 'Italiano' },
              { value: 'en', label: 'English' },
            ]}
          />
          <div class="form-actions">
            <button type="submit" class="button-primary">
              {saving() ? um('creating') : um('create')}
            </button>
          </div>
        </fieldset>
      </form>
    </>
  );
}
