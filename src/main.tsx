import { render } from 'preact';
import { App } from './ui/app';
import { registerServiceWorker, type UpdateReadyListener } from './pwa/register';
import './ui/styles.css';

const root = document.getElementById('app');

/** The app subscribes once it is mounted; an update found before that is held until then. */
let pendingUpdate: (() => void) | null = null;
let listener: UpdateReadyListener | null = null;
if (import.meta.env.PROD) {
  registerServiceWorker((apply) => {
    if (listener) listener(apply);
    else pendingUpdate = apply;
  });
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
