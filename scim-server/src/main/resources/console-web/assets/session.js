// Who is signed in, and whether they may change anything (the API enforces it too; this only explains it).
let current = null;

export function setSession(session) { current = session; }
export function session() { return current; }
export function readOnly() { return !current || current.role !== 'admin'; }

/** Attributes for a button that changes something: disabled, with the reason, for read-only users. */
export function changeButton(attrs) {
  if (!readOnly()) return attrs;
  return { ...attrs, disabled: true, 'aria-describedby': 'read-only-note', title: 'Read-only access: you cannot change anything' };
}

/** The note that disabled buttons point to (aria-describedby), shown to read-only users only. */
export function readOnlyNote() {
  if (!readOnly()) return null;
  const p = document.createElement('p');
  p.id = 'read-only-note';
  p.className = 'hint read-only';
  p.textContent = 'You have read-only access: you can look at everything but cannot change anything.';
  return p;
}
