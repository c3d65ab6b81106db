/**
 * Capitalised words that follow name cues without being names ("Dear Customer", "I'm Not sure",
 * "contact Microsoft Support", German nouns after "Sehr geehrte"). A name stops at the first one.
 */
export const NOT_A_NAME: ReadonlySet<string> = new Set(
  `The A An This That These Those It I We You He She They Our Your My His Her Their Its
  Hi Hello Hey Dear World There Zusammen Leute Tous Thanks Thank Regards Best Kind Warm Cheers Sincerely Yours
  Sir Madam Sirs Madams All Everyone Anyone Someone Whom Concern Colleague Colleagues Friends Folks
  Support Team Customer Customers Service Services Sales Billing Accounts Account Help Desk Helpdesk
  Admin Administrator Department Office Management Manager Managers Engineering Security Legal
  Finance Company Inc Ltd LLC GmbH AG SA BV Corp Group Hiring Recruiter Recruiting Applicant User
  Users Client Clients Partner Partners Member Members Staff Owner Board Committee Director Directors
  Software Senior Junior Lead Principal Engineer Engineers Developer Developers Head Chief Officer
  Product Project Data Scientist Analyst Consultant Assistant Intern Student Teacher Doctor Nurse
  Not Sorry Happy Here There Back Looking Writing Calling Unable Still Just Also Please Yes No Ok
  Okay New Interested Available Going Trying Having Getting Glad Sure Fine Good Great Very So Really
  Currently Now Today Tomorrow Yesterday On In At For With From To Of And Or But If When After Before
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
  July August September October November December
  Microsoft Google Apple Amazon Azure AWS OpenAI Windows Linux Teams Slack Outlook Excel Word
  ChatGPT GitHub Zoom Atrium API IT HR QA PR UX UI
  Grüße Gruesse Grüsse Gruß Damen Herren Kunde Kundin Kunden Kollege Kollegin Kollegen Kolleginnen Geehrte Mitarbeiter Frau Herr
  Leider Bitte Danke Gruppe Abteilung Firma
  Client Cliente Clientes Clients Chers Cher Chère Équipe Service Madame Monsieur Mesdames Messieurs
  Señores Señoras Equipo Estimados Klant Klanten Heer Heren Dames Team Signori Gentili Clienti`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
