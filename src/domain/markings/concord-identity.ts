// The identity Concord's own definitions are created by, in a module without Node built-ins so
// that the web UI can import it (the Explorer flags Concord's system objects, issue 15, must 5).

/** The identity that creates Concord's extension and marking definitions: uuidv5('identity:concord'). */
export const CONCORD_IDENTITY_ID = 'identity--be857e1f-566f-5549-8ca7-e786f8d2bd44';
