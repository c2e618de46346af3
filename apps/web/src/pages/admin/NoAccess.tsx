// What a person reaches when they type the address of a screen their roles do not allow: a plain
// explanation, not the screen's controls (the API would refuse them anyway).
import { PageHeading } from '@gea/web-kit';
import { A } from '@solidjs/router';
import { sm } from './shell-messages.ts';

export default function NoAccess() {
  return (
    <>
      <PageHeading title={sm('noAccessTitle')} />
      <p>{sm('noAccess')}</p>
      <p>
        <A href="/">{sm('noAccessHome')}</A>
      </p>
    </>
  );
}
