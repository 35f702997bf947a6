/**
 * Ids for an export without them (`--ids`): `row`, the record's number (1, 2, ... in the order
 * read, across the files of a run); `hash`, a short hash of the title and description. Kept
 * apart from the normaliser so the command line can check the option at start-up cheaply.
 */
export type IdScheme = 'row' | 'hash';

export const ID_SCHEMES: readonly IdScheme[] = ['row', 'hash'];
