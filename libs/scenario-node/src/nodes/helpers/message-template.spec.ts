import { renderMessage, templateProblem } from './message-template';

describe('message templates', () => {
  const view = {
    event: { event_name: 'order.paid', payload: { note: '<b>"Tom & Jerry"</b>' } },
    profile: { id: 'p1', email: 'anna@example.com', phone: null },
    outputs: { accrue: { amount: '100.00', balance: '1100.00' } },
  };

  it('renders without HTML escaping', () => {
    expect(renderMessage('{{event.payload.note}} / {{{event.payload.note}}}', view)).toBe(
      '<b>"Tom & Jerry"</b> / <b>"Tom & Jerry"</b>',
    );
  });

  it('reads earlier outputs by node id and renders a missing key as nothing', () => {
    expect(renderMessage('+{{outputs.accrue.amount}} = {{outputs.accrue.balance}}{{outputs.none.amount}}', view)).toBe(
      '+100.00 = 1100.00',
    );
    expect(renderMessage('{{profile.email}}|{{profile.phone}}|{{#profile}}{{id}}{{/profile}}', view)).toBe(
      'anna@example.com||p1',
    );
    expect(renderMessage('Hi {{profile.email}}', { ...view, profile: null })).toBe('Hi ');
  });

  it('tells what is wrong with a template', () => {
    expect(templateProblem('Hello {{name}}')).toBeNull();
    expect(templateProblem('{{#open}}never closed')).toMatch(/Unclosed section "open"/);
    expect(templateProblem('{{name')).toMatch(/Unclosed tag/);
  });
});
