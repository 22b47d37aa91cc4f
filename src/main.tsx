import { render } from 'preact';
import { App } from './ui/app';
import type { UpdateReadyListener } from './pwa/register';
import './ui/styles.css';

const root = document.getElementById('app');

/** The app subscribes once it is mounted; an update found before that is held until then. */
let pendingUpdate: (() => void) | null = null;
let listener: UpdateReadyListener | null = null;
// workbox-window is loaded after the first screen: the first start does not wait for it.
if (import.meta.env.PROD) {
  void import('./pwa/register').then(({ registerServiceWorker }) =>
    registerServiceWorker((apply) => {
      if (listener) listener(apply);
      else pendingUpdate = apply;
    }),
  );
}

if (root) {
  root.textContent = '';
  render(
    <App
      onUpdateReady={(l) => {
        listener = l;
        if (pendingUpdate) l(pendingUpdate);
      }}
    />,
    root,
  );
}
