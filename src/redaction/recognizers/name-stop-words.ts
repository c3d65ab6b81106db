/**
 * Capitalised words that are not names although name lists carry some of them ("May", "Will",
 * "Grant"), and words that start sentences, greet, sign off or label fields in the eight
 * languages: a name is never read from them. Lower case.
 */
export const NOT_NAMES: ReadonlySet<string> = new Set(
  (
    "the a an and or but if then this that these those there here what when where why how who which i we you he she it they me us them my our your his her its their " +
    "is are was were be been am do does did have has had can could will would shall should may might must not no yes ok okay please thanks thank hi hello hey dear good " +
    "morning evening afternoon best kind regards cheers many sincerely yours team support customer service sir madam all everyone " +
    "january february march april june july august september october november december monday tuesday wednesday thursday friday saturday sunday " +
    "name phone email address date birth card order version price passenger reporter requester assignee environment summary description status priority " +
    "invoice total line case flight seat booking confirmation passport form registration tax spouse partner number note notes subject ticket " +
    "der die das ein eine und oder aber wenn dann ich du er sie es wir ihr mein dein sein unser bitte danke hallo moin guten tag viele grüße gruß beste liebe lieber " +
    "sehr geehrte geehrter herr frau laut kannst kann ich habe hatte ist sind war umgebung bearbeiter melder zeile anlage vorname nachname telefon anschrift geburtsdatum " +
    "le la les un une et ou mais si je tu il elle nous vous ils elles mon ton son bonjour salut bonsoir merci bien amicalement cordialement pouvez j'ai " +
    "el los las uno una y o pero yo él ella nosotros hola buenos buenas días tardes gracias saludo saludos abrazo ayer por favor puedes le escribí " +
    "il lo gli una e ma io lui lei noi voi loro ciao buongiorno salve grazie saluto presto buona giornata ieri puoi ho per favore " +
    "de het een en maar ik jij hij zij wij jullie hoi hallo goedemorgen dag groetjes groet bedankt fijne kun wil je heb " +
    "w z na i oraz ale ja ty on ona my wy oni cześć dzień dobry witam pozdrawiam dzięki poważaniem miłego dnia wczoraj proszę sprawę zadzwoni pana pani " +
    "o os as um uma e mas eu tu ele ela nós vós eles olá oi bom boa abraços atenciosamente obrigado obrigada att falei pode mandei " +
    "rua avenida av street road lane avenue calle via viale corso piazza plaza paseo ul al os pl travessa allee straße weg platz " +
    "bank visa mastercard amex iban bic swift api json http https url app web mobile android iphone windows linux mac apple google microsoft amazon " +
    "north south east west new old city state county province region center centre central europe european america american brasil brazil " +
    "mr mrs ms miss dr prof sr sra srta mme mlle m herr frau hr fr sig dott gentile signora signor monsieur madame señor señora dhr mevr mevrouw meneer heer i'm i've i'll world folks guys friends everybody zusammen damen herren tous todos tutti allemaal wszystkim paris golden delta chance summer hope faith sky king angel art guy max don ray bill mark grant rose ruby mercedes jet star" 
  ).split(" "),
);
