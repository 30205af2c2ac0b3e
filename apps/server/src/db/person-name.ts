import { people } from './schema/index.ts';

/** A person's name and its reading (カナ), as every select that shows a name reads them. */
export const personNameColumns = {
  familyName: people.familyName,
  givenName: people.givenName,
  familyNameKana: people.familyNameKana,
  givenNameKana: people.givenNameKana,
};
