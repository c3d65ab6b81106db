import type { Recognizer } from "../recognizer.js";
import { awsSecretKey } from "./aws-secret-key.js";
import { card } from "./card.js";
import { checkedNationalId } from "./checked-national-id.js";
import { dateOfBirth } from "./date-of-birth.js";
import { email } from "./email.js";
import { iban } from "./iban.js";
import { ipAddress } from "./ip-address.js";
import { knownName } from "./known-name.js";
import { labelledField } from "./labelled-field.js";
import { nationalId } from "./national-id.js";
import { personName } from "./person-name.js";
import { phone } from "./phone.js";
import { postcode } from "./postcode.js";
import { privateKey } from "./private-key.js";
import { secretAssignment } from "./secret-assignment.js";
import { secretToken } from "./secret-token.js";
import { ssn } from "./ssn.js";
import { streetAddress } from "./street-address.js";

export const RECOGNIZERS: readonly Recognizer[] = [
  privateKey,
  secretToken,
  secretAssignment,
  awsSecretKey,
  email,
  card,
  iban,
  ssn,
  nationalId,
  checkedNationalId,
  dateOfBirth,
  ipAddress,
  phone,
  streetAddress,
  postcode,
  personName,
  knownName,
  // Fields whose key or column header says what they hold; run last so they only add.
  ...(["PERSON", "PHONE", "DOB", "ID", "ADDRESS", "CARD"] as const).map(labelledField),
];
