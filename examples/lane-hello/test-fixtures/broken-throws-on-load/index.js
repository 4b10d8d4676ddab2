// Test fixture: loading this lane fails (a missing native module, a syntax error in a dependency, ...).
'use strict';
throw new Error('akc-lane-broken-throws-on-load: this lane fails while it is loaded (test fixture)');
