import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueOf, catalogueVersions } from './catalogue.js';
import { buildKillReport } from './report.js';
import { runCatalogue, type CatalogueResult } from './run-catalogue.js';

for (const version of catalogueVersions()) {
  const catalogue = catalogueOf(version);
  /** The whole catalogue, run once (one worker process per CPU; each fault's run stops at its first failing step). */
  let result: CatalogueResult;

  describe(`fault injection, AAM ${version}: the contract suite kills every fault of the catalogue`, () => {
    before(async () => {
      result = await runCatalogue({ catalogue });
    });

    test('the control run (no fault) passes with zero failures', () => {
      const { control } = result;
      assert.equal(control.harnessError, undefined);
      assert.deepEqual(control.killers, []);
      assert.equal(control.failures, 0);
      assert.ok(control.requests >= catalogue.minControlRequests, `only ${control.requests} requests`);
      assert.ok(control.assertions >= catalogue.minControlAssertions, `only ${control.assertions} assertions`);
    });

    for (const fault of catalogue.faults) {
      test(`${fault.id}: killed, or an accepted survivor with a reason`, () => {
        const outcome = result.outcomes.find((candidate) => candidate.faultId === fault.id);
        assert.ok(outcome !== undefined, 'the fault did not run');
        assert.equal(outcome.harnessError, undefined);
        assert.ok(outcome.altered > 0, 'the fault never changed an exchange: it measures nothing');
        const reason = catalogue.acceptedSurvivors[fault.id];
        if (reason === undefined) {
          assert.equal(outcome.killed, true, `survived: ${fault.description}`);
          assert.ok(outcome.killers.length > 0);
        } else {
          assert.equal(outcome.killed, false, 'listed as an accepted survivor but killed: remove it from the accepted survivors');
        }
      });
    }

    test('the kill rate over the whole catalogue passes the verdict (no unexplained survivor)', () => {
      const report = buildKillReport(result, catalogue.acceptedSurvivors);
      assert.ok(report.total >= 25, `only ${report.total} faults`);
      assert.deepEqual(report.unexplained, []);
      assert.deepEqual(report.broken, []);
      assert.equal(report.controlProblem, undefined);
      assert.equal(report.killed + report.accepted.length, report.total);
      assert.equal(report.passed, true);
    });
  });
}
