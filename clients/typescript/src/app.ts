// The mobile app's use of the API, written against the types generated from
// openapi/openapi.json (src/schema.d.ts, made by `npm run generate`, not committed).
//
// Nothing here runs in CI: `tsc --noEmit` type-checks it. When the schema renames or drops a
// field used below, changes a type, or makes a new request field required, this file stops
// compiling and tests/contract/test_typed_client.py fails.

import type { components, operations } from "./schema";

type Schemas = components["schemas"];
type Ops = operations;

/** The JSON request body of an operation. */
type Body<K extends keyof Ops> = Ops[K] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;

/** The JSON answer of an operation for one status code. */
type Answer<K extends keyof Ops, S extends keyof Ops[K]["responses"]> =
  Ops[K]["responses"][S] extends { content: { "application/json": infer R } } ? R : never;

/** The problem+json document of an operation for one error status. */
type ProblemOf<K extends keyof Ops, S extends keyof Ops[K]["responses"]> =
  Ops[K]["responses"][S] extends { content: { "application/problem+json": infer P } }
    ? P
    : never;

export class ApiError extends Error {
  constructor(readonly problem: Schemas["ProblemDetails"]) {
    super(problem.detail);
  }
}

export interface Session {
  baseUrl: string;
  language: "nl" | "fr" | "en";
  accessToken?: string;
}

async function send<T>(
  session: Session,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(session.baseUrl + path, {
    method,
    headers: {
      "Accept-Language": session.language,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(session.accessToken ? { Authorization: `Bearer ${session.accessToken}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    // Every error is RFC 9457 problem+json, in the caller's language.
    throw new ApiError((await response.json()) as Schemas["ProblemDetails"]);
  }
  return (await response.json()) as T;
}

// --- sign in with a one-time code ------------------------------------------------------------

export async function requestCode(session: Session, phone: string): Promise<string | undefined> {
  const body: Body<"requestOtp"> = { phone };
  const sent = await send<Answer<"requestOtp", 202>>(session, "POST", "/api/v1/auth/otp", body);
  const seconds: number = sent.expiresIn;
  console.log(`code sent by ${sent.channel} to ${sent.destination}, valid ${seconds}s`);
  return sent.devCode ?? undefined; // only in development
}

export async function signIn(session: Session, phone: string, code: string): Promise<Session> {
  const body: Body<"exchangeOtp"> = { phone, code };
  const pair = await send<Answer<"exchangeOtp", 200>>(session, "POST", "/api/v1/auth/token", body);
  const refresh: string = pair.refreshToken;
  const expiresIn: number = pair.expiresIn;
  console.log(`signed in (${pair.tokenType}), refresh ${refresh.length} chars, ${expiresIn}s`);
  return { ...session, accessToken: pair.accessToken };
}

// --- simulation ------------------------------------------------------------------------------

export async function simulate(session: Session): Promise<Schemas["SimulationResponse"]> {
  const body: Body<"createSimulation"> = {
    performanceDates: ["2026-03-02"],
    amountCents: 100000,
    vatRate: "21",
    vatIncluded: false,
    contractType: "employee",
    withholdingRate: "11.11",
    expenses: [{ amountCents: 5000, category: "travel" }],
    clientCountry: "BE",
  };
  const sim = await send<Answer<"createSimulation", 200>>(session, "POST", "/api/v1/simulations", body);
  // The screen: turnover -> contribution -> expenses -> gross -> net, line by line.
  const invariant =
    sim.turnoverCents ===
    sim.contributionCents + sim.expensesCents + sim.employerCostCents + sim.unitRemainderCents;
  console.log(`net ${euro(sim.netCents)} of ${euro(sim.turnoverCents)}, paid ${sim.payDate}`);
  console.log(`gross ${euro(sim.grossCents)}, tax ${euro(sim.withholdingTaxCents)}, ok=${invariant}`);
  for (const line of sim.lines) {
    console.log(`${line.code} ${line.label}: ${euro(line.amountCents)} (${line.explanation})`);
  }
  return sim;
}

// --- QuickJob --------------------------------------------------------------------------------

export async function createQuickJob(session: Session, idempotencyKey: string) {
  const body: Body<"createQuickJob"> = {
    client: {
      name: "Brouwerij De Klok",
      email: "boekhouding@deklok.be",
      vatNumber: "BE0403019261",
      country: "BE",
      address: "Markt 1, 9000 Gent",
    },
    function: "graphic designer",
    description: "Poster and flyers for the spring fair",
    performanceDates: ["2026-03-02"],
    amountCents: 100000,
    vatRate: "21",
    contractType: "employee",
    withholdingRate: "11.11",
    expenses: [{ amountCents: 5000, category: "travel" }],
    paidInCash: false,
  };
  const job = await send<Answer<"createQuickJob", 201>>(
    session, "POST", "/api/v1/quickjobs", body, { "Idempotency-Key": idempotencyKey });
  const quote: Schemas["QuoteOut"] = job.quote;
  console.log(`QuickJob ${job.id} (${job.status}) in unit ${job.unitId}: quote ${quote.number}`);
  console.log(`share ${quote.acceptUrl ?? "(in review)"}, PDF ${quote.pdfUrl}`);
  console.log(`net ${euro(job.simulation.netCents)} on ${job.simulation.payDate}`);
  return job;
}

export async function quickJobStatus(session: Session, id: string): Promise<string> {
  const job = await send<Answer<"getQuickJob", 200>>(session, "GET", `/api/v1/quickjobs/${id}`);
  for (const event of job.timeline ?? []) {
    const at: string = event.at;
    console.log(`${at} ${event.kind}: ${event.label}`);
  }
  if (job.invoice) {
    console.log(`invoice ${job.invoice.number}, pay with ${job.invoice.structuredCommunication}`);
  }
  return job.status;
}

export async function myQuickJobs(session: Session): Promise<Schemas["QuickJobListItem"][]> {
  const page = await send<Answer<"listQuickJobs", 200>>(session, "GET", "/api/v1/quickjobs");
  for (const item of page.items) {
    console.log(`${item.clientName}: ${euro(item.amountCents)} ${item.status}, paid ${item.payDate}`);
  }
  return page.items;
}

// --- bot -------------------------------------------------------------------------------------

export async function askBot(session: Session, text: string, conversationId?: string) {
  const body: Body<"postBotMessage"> = conversationId ? { text, conversationId } : { text };
  const answer = await send<Answer<"postBotMessage", 200>>(
    session, "POST", "/api/v1/bot/messages", body);
  for (const reply of answer.replies) {
    console.log(reply.text, (reply.quickReplies ?? []).join(" | "));
  }
  return answer.conversationId;
}

// --- errors ----------------------------------------------------------------------------------

/** The form shows each invalid field's message next to it, else the problem's detail. */
export function showProblem(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) throw error;
  const problem: ProblemOf<"createQuickJob", 422> = error.problem;
  const byField: Record<string, string> = { "": `${problem.title}: ${problem.detail}` };
  for (const fieldError of problem.errors ?? []) {
    byField[fieldError.field] = fieldError.message;
  }
  const status: number = problem.status;
  const type: string = problem.type;
  console.log(`problem ${status} ${type}`);
  return byField;
}

function euro(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}

export async function demo(baseUrl: string, phone: string): Promise<void> {
  let session: Session = { baseUrl, language: "en" };
  const code = await requestCode(session, phone);
  if (code === undefined) return;
  session = await signIn(session, phone, code);
  await simulate({ baseUrl, language: "en" }); // public: no token needed
  try {
    const job = await createQuickJob(session, crypto.randomUUID());
    console.log(await quickJobStatus(session, job.id));
    await myQuickJobs(session);
    await askBot(session, "What is the status of my QuickJobs?");
  } catch (error) {
    console.log(showProblem(error));
  }
}
