// The load generator, run as its own process so it does not share an event loop
// (or a core's time slices) with the server it measures. Options come as JSON in argv[2];
// the summary goes to stdout as one JSON line.
import autocannon from 'autocannon';

const { url, method = 'GET', headers = {}, body, connections, seconds } = JSON.parse(process.argv[2]);

// The app limits requests per source address (600/min, sign-in far lower). A load test
// from one address would measure 429s, so the app under test trusts X-Forwarded-For and
// each request names a different source; the limiter still runs on every request.
let source = 0;
const nextSource = () => {
  source++;
  return `10.${(source >> 16) & 255}.${(source >> 8) & 255}.${source & 255}`;
};

const result = await autocannon({
  url,
  method,
  connections,
  duration: seconds,
  headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
  body,
  requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': nextSource() } }) }],
});
console.log(
  JSON.stringify({
    rps: result.requests.average,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
