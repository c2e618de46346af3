// PEC and signatures: the registry offices (AOO), the mailboxes, the messages with their state, the
// signature certificates by expiry, and the verification of a signed file. Each section is a
// component of its own; records open on pages of their own (mailbox, office, certificate, message).
import { PageHeading } from '@gea/web-kit';
import { CertificatesSection } from './certificates-section.tsx';
import { MailboxesSection } from './mailboxes-section.tsx';
import { MessagesSection } from './messages-section.tsx';
import { m } from './messages.ts';
import { OfficesSection } from './offices-section.tsx';
import { VerifySection } from './verify-section.tsx';
import './pec.css';

export default function PecPage() {
  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <MailboxesSection />
      <OfficesSection />
      <MessagesSection />
      <CertificatesSection />
      <VerifySection />
    </>
  );
}
