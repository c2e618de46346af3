// What a person reaches when they type the address of a screen their roles do not allow: a plain
// explanation, not the screen's controls (the API would refuse them anyway).
import { PageHeading } from '@gea/web-kit';
import { A } from '@solidjs/router';
import { am } from './messages.ts';

export default function NoAccess() {
  return (
    <>
      <PageHeading title={am('noAccessTitle')} />
      <p>{am('noAccess')}</p>
      <p>
        <A href="/">{am('noAccessHome')}</A>
      </p>
    </>
  );
}
