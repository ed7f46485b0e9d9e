import { describe, expect, it } from 'vitest';
import { ArtifactError } from './artifact-error.js';
import { checkPromptTemplate, renderChatTemplate, templateVariables } from './chat-template.js';

const template = checkPromptTemplate([
  { role: 'system', content: 'You answer for {{ company }}. Tone: {{tone}}.' },
  { role: 'user', content: '{{question}} (account {{account.id}})' },
]);

describe('chat templates', () => {
  it('lists variables once, in order of first use', () => {
    expect(templateVariables(template)).toEqual(['company', 'tone', 'question', 'account.id']);
    expect(templateVariables('no variables')).toEqual([]);
  });

  it('renders every message, writing non-strings as JSON and never re-expanding values', () => {
    const rendered = renderChatTemplate(template, {
      company: 'Acme',
      tone: '{{company}}',
      question: 'Where is my order?',
      'account.id': 42,
    });
    expect(rendered).toEqual([
      { role: 'system', content: 'You answer for Acme. Tone: {{company}}.' },
      { role: 'user', content: 'Where is my order? (account 42)' },
    ]);
    expect(renderChatTemplate('Hi {{name}}', { name: 'Ada' })).toBe('Hi Ada');
  });

  it('names every missing variable in one clear error', () => {
    const render = () => renderChatTemplate(template, { company: 'Acme', tone: undefined });
    expect(render).toThrow(ArtifactError);
    expect(render).toThrow('template needs "tone", "question", "account.id", which were not given');
    expect(() => renderChatTemplate('{{x}}', {})).toThrow(/"x", which was not given/);
  });

  it('refuses content that is not a chat template, naming the field', () => {
    expect(() => checkPromptTemplate([])).toThrow(/non-empty array/);
    expect(() => checkPromptTemplate([{ role: 'bot', content: 'x' }])).toThrow(
      /content\[0\]\.role must be one of system, developer, user, assistant, got "bot"/,
    );
    expect(() => checkPromptTemplate([{ role: 'user', content: 3 }])).toThrow(
      /content\[0\]\.content must be a string/,
    );
    expect(() => checkPromptTemplate(7)).toThrow(ArtifactError);
  });
});
