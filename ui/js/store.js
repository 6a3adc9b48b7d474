// A tiny event-target store: views read state and listen for 'change'.

import { call } from './backend.js';

class AppStore extends EventTarget {
  constructor() {
    super();
    this.state = { info: null, session: null, lists: null, current: null, tally: null, today: [], status: null };
  }

  set(patch) {
    Object.assign(this.state, patch);
    this.dispatchEvent(new CustomEvent('change', { detail: Object.keys(patch) }));
  }

  /** Reloads what the signed-in screens show. */
  async refreshVisits() {
    const s = this.state.session;
    if (!s) return;
    const patch = {};
    if (s.role !== 'city_staff') patch.current = await call('visit_current');
    patch.tally = await call('tally_today');
    patch.today = await call('visits_today');
    this.set(patch);
  }

  async refreshDue() {
    if (!this.state.session) return this.set({ due: null });
    try {
      this.set({ due: await call('report_due') });
    } catch (e) {
      this.set({ due: null });
    }
  }

  async refreshStatus() {
    try {
      this.set({ status: await call('today_status') });
    } catch (e) {
      // The cause (e.g. a damaged database) is shown in the page itself, not squeezed into the header.
      this.set({ status: null });
    }
  }

  labelOf(kind, code) {
    const lists = this.state.lists;
    if (!lists) return code;
    const list = kind === 'service' ? lists.all_services : lists.all_reasons;
    const entry = list.find((e) => e.code === code);
    return entry ? entry.label : code;
  }
}

export const store = new AppStore();
