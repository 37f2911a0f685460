/** The form of a stored selection's code (16 base64url characters); shared by the server and the page's URL parser. */
export const SELECTION_CODE = /^[\w-]{16}$/;
