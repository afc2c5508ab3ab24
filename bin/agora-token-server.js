#!/usr/bin/env node
'use strict'
// The standalone token server (see lib/server/standalone.js for its environment variables).
require('../lib/server/standalone.js').main()
