// Drives a running SutazAI with the official openai and ollama clients, unchanged but for the
// base URL and an API key, and prints one JSON line per check.
// Usage: node compat.mjs <base-url> <model> <expected-text> <api-key>
import OpenAI from 'openai';
import { Ollama } from 'ollama';

const [base, model, expected, apiKey] = process.argv.slice(2);
const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey, maxRetries: 0 });
const ollama = new Ollama({ host: base, headers: { Authorization: `Bearer ${apiKey}` } });
const messages = [{ role: 'user', content: 'hello' }];
const results = [];

async function check(name, run) {
  try {
    const value = await run();
    results.push({ name, ok: true, value });
  } catch (e) {
    results.push({ name, ok: false, error: `${e.constructor.name} ${e.status ?? e.status_code ?? ''} ${e.message}` });
  }
}

async function joinStream(stream, pick) {
  let text = '';
  for await (const part of stream) {
    text += pick(part) ?? '';
  }
  return text;
}

await check('openai.chat', async () => {
  const r = await openai.chat.completions.create({ model, messages });
  return { text: r.choices[0].message.content, finish: r.choices[0].finish_reason, tokens: r.usage.completion_tokens };
});
await check('openai.chat.stream', async () => {
  const stream = await openai.chat.completions.create({ model, messages, stream: true });
  return { text: await joinStream(stream, c => c.choices[0]?.delta?.content) };
});
await check('openai.models', async () => {
  const page = await openai.models.list();
  return { ids: page.data.map(m => m.id) };
});
await check('openai.unknownModel', async () => {
  try {
    await openai.chat.completions.create({ model: 'no-such-model:1b', messages });
    return { status: 200 };
  } catch (e) {
    return { status: e.status, type: e.constructor.name, message: e.message };
  }
});
await check('ollama.chat', async () => {
  const r = await ollama.chat({ model, messages });
  return { text: r.message.content, done: r.done };
});
await check('ollama.chat.stream', async () => {
  const stream = await ollama.chat({ model, messages, stream: true });
  return { text: await joinStream(stream, p => p.message?.content) };
});
await check('ollama.generate.stream', async () => {
  const stream = await ollama.generate({ model, prompt: 'hello', stream: true });
  return { text: await joinStream(stream, p => p.response) };
});
await check('ollama.generate', async () => {
  const r = await ollama.generate({ model, prompt: 'hello' });
  return { text: r.response, done: r.done };
});
await check('ollama.list', async () => {
  const r = await ollama.list();
  return { names: r.models.map(m => m.name) };
});
await check('ollama.show', async () => {
  const r = await ollama.show({ model });
  return { family: r.details?.family };
});
await check('ollama.embed', async () => {
  const r = await ollama.embed({ model, input: ['a', 'b'] });
  return { count: r.embeddings.length };
});
await check('ollama.version', async () => {
  const r = await ollama.version();
  return { version: r.version };
});
await check('ollama.unknownModel', async () => {
  try {
    await ollama.chat({ model: 'no-such-model:1b', messages });
    return { status: 200 };
  } catch (e) {
    return { status: e.status_code, message: e.message };
  }
});

for (const r of results) {
  console.log(JSON.stringify(r));
}
console.log(JSON.stringify({ expected, checks: results.length }));
