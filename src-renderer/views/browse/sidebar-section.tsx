/** A collapsible section of the sidebar (Folders, Albums): a heading that opens and closes it, and an optional action beside it. */
import { Collapse } from '@mantine/core';
import { useState, type ReactNode } from 'react';

const OPEN_KEY = (id: string) => `keepsake-sidebar-${id}`;

function initiallyOpen(id: string): boolean {
  try {
    return window.localStorage.getItem(OPEN_KEY(id)) !== 'closed';
  } catch {
    return true;
  }
}

export function SidebarSection({ id, title, action, children }: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(() => initiallyOpen(id));
  const toggle = () => {
    setOpen(!open);
    try {
      window.localStorage.setItem(OPEN_KEY(id), open ? 'closed' : 'open');
    } catch {
      // No storage: it stays as chosen for this session.
    }
  };
  return (
    <section className="ks-side-section" aria-labelledby={`ks-side-${id}`} data-testid={`sidebar-${id}`}>
      <div className="ks-side-heading">
        <h2 className="ks-side-title" id={`ks-side-${id}`}>
          <button type="button" className="ks-side-toggle" aria-expanded={open} aria-controls={`ks-side-${id}-body`} onClick={toggle}>
            <span className={`ks-chevron${open ? ' ks-chevron-open' : ''}`} aria-hidden="true" />
            {title}
          </button>
        </h2>
        {action}
      </div>
      <Collapse expanded={open} id={`ks-side-${id}-body`} transitionDuration={0}>
        {children}
      </Collapse>
    </section>
  );
}
