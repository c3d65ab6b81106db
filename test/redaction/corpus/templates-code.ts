import { secrets } from "./identity.js";
import { negatives as n } from "./negatives.js";
import { ipv4, ipv6 } from "./numbers.js";
import { emailFor, fullName } from "./people.js";
import { keep, pii, type Template } from "./record.js";

/** Code, configuration and logs pasted into prompts, plus text full of look-alike numbers. */
export const CODE_TEMPLATES: readonly Template[] = [
  (r) => ["```python\nimport openai\nclient = openai.OpenAI(api_key=\"", pii("SECRET", secrets.openai(r)), "\")\nresp = client.chat.completions.create(model=\"", keep(n.model(r)), "\", max_tokens=", keep(n.tokens(r)), ")\n```\nWhy does this return ", keep(n.status(r)), "?"],
  (r) => ["My .env looks like this:\nOPENAI_API_KEY=", pii("SECRET", secrets.openai(r)), "\nGITHUB_TOKEN=", pii("SECRET", secrets.github(r)), "\nDATABASE_URL=postgres://app:", pii("SECRET", secrets.password(r)), "@db.internal:", keep(n.port(r)), "/prod\nNODE_VERSION=", keep(n.version(r))],
  (r) => ["aws configure list shows:\naws_access_key_id = ", pii("SECRET", secrets.awsKeyId(r)), "\naws_secret_access_key = ", pii("SECRET", secrets.awsSecret(r)), "\nregion = eu-west-1\nWhy do I get AccessDenied on commit ", keep(n.sha(r)), "?"],
  (r) => ["curl -s -H 'Authorization: Bearer ", pii("SECRET", secrets.jwt(r)), "' https://api.example.com/v1/users/", keep(n.uuid(r)), " returns ", keep(n.status(r))],
  (r) => ["Here is my key file, why does ssh refuse it?\n\n", pii("SECRET", secrets.pem(r)), "\n\nssh exited with status ", keep(n.status(r)), " at ", keep(n.time(r)), "."],
  (r) => ["const slack = new WebClient(\"", pii("SECRET", secrets.slack(r)), "\"); // added in ", keep(n.sha(r)), ", see PR ", keep(n.ticket(r))],
  (r) => {
    const name = fullName(r, "en");
    return ["{\"type\": \"service_account\", \"project_id\": \"demo-", keep(String(r.int(100000, 999999))), "\", \"private_key\": \"", pii("SECRET", secrets.pem(r, true)), "\", \"client_email\": \"", pii("EMAIL", emailFor(r, name)), "\"}"];
  },
  (r) => ["import stripe\nstripe.api_key = \"", pii("SECRET", secrets.stripe(r)), "\"  # TODO rotate before ", keep(n.version(r)), "\ncharge = stripe.Charge.create(amount=", keep(n.tokens(r)), ", currency=\"eur\")"],
  (r) => ["config.yaml:\n  upstream: https://api.openai.com\n  password: ", pii("SECRET", secrets.password(r)), "\n  timeout_ms: ", keep(String(r.int(1000, 60000))), "\n  retries: 3\n  request_id: ", keep(n.uuid(r))],
  (r) => ["The token ", pii("SECRET", secrets.jwt(r)), " expired at ", keep(n.timestamp(r)), "; iat was ", keep(n.epochMs(r)), "."],
  (r) => [keep(n.timestamp(r)), " INFO request from ", pii("IP", ipv4(r)), " POST /v1/chat/completions ", keep(n.status(r)), " ", keep(n.duration(r)), " user=", pii("EMAIL", emailFor(r, fullName(r, "en"))), " trace=", keep(n.uuid(r))],
  (r) => [keep(n.timestamp(r)), " WARN upstream [", pii("IP", ipv6(r)), "]:", keep(n.port(r)), " timed out after ", keep(n.duration(r)), "; retry ", keep(String(r.int(1, 5))), " of 5"],
  (r) => ["gw[", keep(String(r.int(1000, 65000))), "]: client ", pii("IP", ipv4(r)), ":", keep(n.port(r)), " auth failed for key ", pii("SECRET", secrets.openai(r)), " (model ", keep(n.model(r)), ")"],
  (r) => [pii("IP", ipv4(r)), " - - [", keep(n.euDate(r)), ":", keep(n.time(r)), "] \"GET /healthz HTTP/1.1\" ", keep(n.status(r)), " ", keep(String(r.int(10, 9999)))],
  (r) => ["Build ", keep(n.version(r)), " deployed at ", keep(n.timestamp(r)), ", commit ", keep(n.sha(r)), ", took ", keep(n.duration(r)), ". Windows agents on ", keep(`10.0.${r.int(17000, 22631)}.${r.int(100, 4000)}`), "."],
  (r) => ["Release notes ", keep(n.version(r)), ": fixed ", keep(n.number(r)), " bugs, p95 latency ", keep(n.duration(r)), ", error rate ", keep(n.percent(r)), ". Upgrade from ", keep(n.version(r)), " is required."],
  (r) => ["Invoice ", keep(n.invoice(r)), " dated ", keep(n.isoDate(r)), ": 3 x ", keep(n.price(r)), ", total ", keep(n.price(r)), ". Pay by ", keep(n.euDate(r)), ". Reference ", keep(n.order(r)), "."],
  (r) => ["Server listening on port ", keep(n.port(r)), "; health check returned ", keep(n.status(r)), " at ", keep(n.timestamp(r)), "; trace id ", keep(n.uuid(r)), "; sha256 ", keep(n.sha(r)), "."],
  (r) => ["Tracking number ", keep(n.order(r)), " shipped ", keep(n.isoDate(r)), " ", keep(n.time(r)), ". Parcel weight ", keep(n.number(r)), " g, ", keep(n.price(r)), " postage."],
  (r) => ["Usage for ", keep(n.isoDate(r)), ": ", keep(n.tokens(r)), " prompt tokens, ", keep(n.tokens(r)), " completion tokens, cost ", keep(n.price(r)), ", created_at ", keep(n.epochMs(r)), "."],
  (r) => ["Fix: git cherry-pick ", keep(n.sha(r)), " && npm version ", keep(n.version(r)), " && kubectl rollout restart (took ", keep(n.duration(r)), ", ", keep(n.percent(r)), " CPU)."],
  (r) => ["headers = {\"Authorization\": \"Bearer ", pii("SECRET", secrets.openai(r)), "\", \"x-request-id\": \"", keep(n.uuid(r)), "\"}\nresp = requests.post(url, json=body, timeout=", keep(String(r.int(5, 120))), ")"],
  (r) => ["docker run -e AWS_ACCESS_KEY_ID=", pii("SECRET", secrets.awsKeyId(r)), " -e AWS_SECRET_ACCESS_KEY=", pii("SECRET", secrets.awsSecret(r)), " -p ", keep(n.port(r)), ":", keep(n.port(r)), " app:", keep(n.version(r))],
  (r) => ["Connection refused: ", pii("IP", ipv6(r)), " port ", keep(n.port(r)), " (errno ", keep(String(r.int(100, 130))), ") after ", keep(n.duration(r)), " on node ", pii("IP", ipv4(r)), "."],
];
