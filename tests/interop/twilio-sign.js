// Signs and validates Twilio webhook requests with the official `twilio` package, for
// tst_twilio_interop. Input on stdin: {"token", "cases": [{"url", "params", "signature"?}]};
// output: [{"signature", "valid"}] (valid only when a signature was given).
const twilio = require('twilio');

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const request = JSON.parse(input);
  const results = request.cases.map((c) => ({
    signature: twilio.getExpectedTwilioSignature(request.token, c.url, c.params),
    valid: c.signature === undefined ? null
      : twilio.validateRequest(request.token, c.signature, c.url, c.params),
  }));
  process.stdout.write(JSON.stringify(results));
});
