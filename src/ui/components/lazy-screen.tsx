// A screen loaded only when it is first opened, so the first start does not pay for it. The
// service worker precaches every chunk, so it opens offline too.
import { h, type ComponentType, type FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const T = {
  loading: 'Đang mở…',
  failed: 'Không mở được màn hình này. Hãy tải lại ứng dụng.',
};

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  return function LazyScreen(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (component) return undefined;
      let live = true;
      pending ??= load().then((c) => (loaded = c));
      pending.then(
        (c) => live && setComponent(() => c),
        () => {
          pending = undefined;
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, []);
    if (failed) return <main class="screen"><p class="error-summary">{T.failed}</p></main>;
    if (!component) return <main class="screen"><p>{T.loading}</p></main>;
    return h(component, props);
  };
}
