// A new licence, for one or more bodies. Once recorded, its own page opens (where it can be
// changed and its installations are listed) and its heading takes the focus.
import { announceNextPage, createMutation, describeTypedError, ErrorNotice, isTypedError, PageHeading } from '@gea/web-kit';
import { A, useNavigate } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createSignal } from 'solid-js';
import { CreateLicenceMutation, createLicenceForm, emptyLicence, LicenceFields } from './software-licence-form.tsx';
import { s } from './software-messages.ts';
import { SoftwareTabs } from './software-tabs.tsx';

export default function SoftwareLicenceNewPage() {
  const navigate = useNavigate();
  const form = createLicenceForm(emptyLicence());
  const [, create] = createMutation(CreateLicenceMutation);
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();

  async function submit() {
    setFailure(undefined);
    const input = form.input();
    if (!input) return;
    setSaving(true);
    const outcome = await create({ input });
    setSaving(false);
    const value = outcome.data?.createSoftwareLicence;
    if (outcome.error || !value) return void setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return form.fromIssues(value.issues);
    if (value.__typename === 'SoftwareLicence') {
      announceNextPage();
      navigate(`/inventory/software/licences/${encodeURIComponent(value.id)}?created=1`);
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <>
      <p class="breadcrumb">
        <A href="/inventory/software/licences">{s('backToLicences')}</A>
      </p>
      <PageHeading title={s('newLicenceTitle')}>
        <p class="lead">{s('newLicenceIntro')}</p>
      </PageHeading>
      <SoftwareTabs />
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <h2 id="new-licence-form" class="visually-hidden">
        {s('newLicenceTitle')}
      </h2>
      <LicenceFields form={form} disabled={false} saving={saving()} submitLabel={s('create')} onSubmit={() => void submit()} labelledBy="new-licence-form" />
    </>
  );
}
