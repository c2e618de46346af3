// A new contract: the contract form; once saved, the contract's page (where its coverage and
// documents are added), whose heading takes the focus.
import { announceNextPage, PageHeading, t } from '@gea/web-kit';
import { A, useNavigate } from '@solidjs/router';
import { ContractForm } from './contract-form.tsx';
import { m } from './messages.ts';
import './procurement.css';

export default function ContractNewPage() {
  const navigate = useNavigate();
  return (
    <>
      <p class="breadcrumb">
        <A href="/procurement/contracts">{t('common.back')}</A>
      </p>
      <PageHeading title={m('newContract')} />
      <ContractForm
        onSaved={(saved) => {
          announceNextPage();
          navigate(`/procurement/contracts/${encodeURIComponent(saved.id)}?created=1`);
        }}
        onCancel={() => navigate('/procurement/contracts')}
      />
    </>
  );
}
