// A tiny event-target store: views read state and listen for 'change'. The visit in progress is
// the backend's: `current` is only ever what a command answered, never a view's own edit.

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

  /** Whether the signed-in account holds a permission (e.g. 'visit_log'). */
  can(permission) {
    const s = this.state.session;
    return Boolean(s && s.permissions && s.permissions.includes(permission));
  }

  /** Reads the visit in progress back from the backend (every view that shows it, on mount). */
  async refreshCurrent() {
    if (!this.can('visit_log')) return this.set({ current: null });
    this.set({ current: await call('visit_current') });
  }

  /** Reloads what the signed-in screens show. */
  async refreshVisits() {
    if (!this.state.session) return;
    const patch = {};
    if (this.can('visit_log')) patch.current = await call('visit_current');
    if (this.can('visits_today')) {
      patch.tally = await call('tally_today');
      patch.today = await call('visits_today');
    }
    this.set(patch);
  }

  async refreshDue() {
    if (!this.state.session) return this.set({ due: null, unreported: [] });
    // Both warnings, then one change (each change re-renders the views that listen).
    const [due, unreported] = await Promise.all([
      call('report_due').catch(() => null),
      call('incidents_unreported').catch(() => []),
    ]);
    this.set({ due, unreported });
  }

  async refreshStatus() {
    try {
      this.set({ status: await call('today_status') });
    } catch (e) {
      // The cause (e.g. a damaged database) is shown in the page itself, not squeezed into the header.
      this.set({ status: null });
    }
    await this.refreshNetwork();
    if (this.can('opening_check')) {
      try {
        this.set({ opening: await call('opening_status') });
      } catch (e) {
        this.set({ opening: null });
      }
    } else if (this.state.opening) {
      this.set({ opening: null });
    }
    if (this.can('store_view')) {
      try {
        this.set({ shared: await call('store_status') });
      } catch (e) {
        this.set({ shared: null });
      }
    }
  }

  /** The network watch's state (polled more often than the rest: an outage shows within seconds). */
  async refreshNetwork() {
    if (!this.state.session) {
      if (this.state.network) this.set({ network: null });
      return;
    }
    try {
      const network = await call('network_status');
      if (JSON.stringify(network) !== JSON.stringify(this.state.network)) this.set({ network });
    } catch (e) {
      this.set({ network: null });
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
