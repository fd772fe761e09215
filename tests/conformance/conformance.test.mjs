// Conformance of the local Data API server, as judged by the official AWS SDK for JavaScript v3.
// The SDK parses every response with its own generated deserializers and error mapping: if the server's
// JSON shapes, status codes, error types or pagination drift from AWS's, these tests fail.
//
// test.sh starts the server (redshift-typed local --sample tickit --secret ...) and passes its endpoint in
// REDSHIFT_TYPED_ENDPOINT. Nothing here is mocked.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  RedshiftDataClient, ExecuteStatementCommand, BatchExecuteStatementCommand, DescribeStatementCommand,
  GetStatementResultCommand, GetStatementResultV2Command, CancelStatementCommand, ListStatementsCommand,
  ListDatabasesCommand, ListSchemasCommand, ListTablesCommand, DescribeTableCommand,
  paginateGetStatementResult, paginateListTables, paginateDescribeTable,
} from '@aws-sdk/client-redshift-data';
import { SecretsManagerClient, GetSecretValueCommand, DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';

const endpoint = process.env.REDSHIFT_TYPED_ENDPOINT;
if (!endpoint) {
  throw new Error('REDSHIFT_TYPED_ENDPOINT is not set: run these tests through ./test.sh, which starts the local server.');
}
const secretName = process.env.REDSHIFT_TYPED_SECRET_NAME ?? 'tickit-admin';
const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const target = { ClusterIdentifier: 'local', Database: 'dev' };

const data = new RedshiftDataClient({ endpoint, region, credentials, maxAttempts: 1 });
const secrets = new SecretsManagerClient({ endpoint, region, credentials, maxAttempts: 1 });

async function waitFor(id) {
  for (let i = 0; i < 600; i++) {
    const d = await data.send(new DescribeStatementCommand({ Id: id }));
    if (['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status)) return d;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`statement ${id} did not finish`);
}

async function run(sql, extra = {}) {
  const submitted = await data.send(new ExecuteStatementCommand({ ...target, Sql: sql, ...extra }));
  assert.match(submitted.Id, /^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}$/);
  return waitFor(submitted.Id);
}

async function rejects(promise, name, status) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
    assert.equal(error.$metadata?.httpStatusCode, status);
    assert.ok(error.message && error.message.length > 0, 'errors carry a message');
    return true;
  });
}

describe('statements', () => {
  test('ExecuteStatement, DescribeStatement and GetStatementResult', async () => {
    const done = await run('select count(*) as n from sales');
    assert.equal(done.Status, 'FINISHED');
    assert.equal(done.HasResultSet, true);
    assert.equal(done.ResultRows, 1);
    assert.equal(typeof done.Duration, 'number');
    assert.ok(done.CreatedAt instanceof Date && done.UpdatedAt instanceof Date);
    assert.equal(done.QueryString, 'select count(*) as n from sales');
    const result = await data.send(new GetStatementResultCommand({ Id: done.Id }));
    assert.equal(result.TotalNumRows, 1);
    assert.equal(result.ColumnMetadata[0].name, 'n');
    assert.equal(result.ColumnMetadata[0].typeName, 'int8');
    assert.ok(result.Records[0][0].longValue >= 100000);
  });

  test('parameters are bound, and reported back unsubstituted', async () => {
    const done = await run('select eventname from event where eventid = :id', { Parameters: [{ name: 'id', value: '7' }] });
    assert.deepEqual(done.QueryParameters, [{ name: 'id', value: '7' }]);
    const result = await data.send(new GetStatementResultCommand({ Id: done.Id }));
    assert.equal(result.Records.length, 1);
    assert.equal(typeof result.Records[0][0].stringValue, 'string');
  });

  test('every Field member decodes: numeric, bool, float4, timestamp, NULL', async () => {
    const done = await run("select 12.50::decimal(8,2) as d, true as b, 1.5::real as r, '2024-06-12 14:30:45.123456'::timestamp as t, null::int as n");
    const { Records, ColumnMetadata } = await data.send(new GetStatementResultCommand({ Id: done.Id }));
    assert.deepEqual(ColumnMetadata.map((c) => c.typeName), ['numeric', 'bool', 'float4', 'timestamp', 'int4']);
    assert.deepEqual(Records[0][0], { stringValue: '12.50' });
    assert.deepEqual(Records[0][1], { booleanValue: true });
    assert.deepEqual(Records[0][2], { doubleValue: 1.5 });
    assert.deepEqual(Records[0][3], { stringValue: '2024-06-12 14:30:45.123456' });
    assert.deepEqual(Records[0][4], { isNull: true });
  });

  test('a failed statement reports FAILED with the engine error', async () => {
    const done = await run('select * from no_such_table_conformance');
    assert.equal(done.Status, 'FAILED');
    assert.match(done.Error, /no_such_table_conformance/);
  });

  test('the paginator reads a large result with no row lost or repeated', async () => {
    const done = await run('select salesid from sales order by salesid');
    let rows = 0;
    let total;
    let last = -1;
    let pages = 0;
    for await (const page of paginateGetStatementResult({ client: data }, { Id: done.Id })) {
      pages++;
      total ??= page.TotalNumRows;
      for (const record of page.Records) {
        assert.ok(record[0].longValue > last, 'rows arrive once, in order');
        last = record[0].longValue;
        rows++;
      }
    }
    assert.ok(pages > 1, `expected several pages, got ${pages}`);
    assert.equal(rows, total);
    assert.equal(rows, done.ResultRows);
  });

  test('CSV results come through GetStatementResultV2', async () => {
    const done = await run("select 1 as a, 'x,y' as b, null::varchar as c, '' as d", { ResultFormat: 'CSV' });
    assert.equal(done.ResultFormat, 'CSV');
    const result = await data.send(new GetStatementResultV2Command({ Id: done.Id }));
    assert.equal(result.ResultFormat, 'CSV');
    assert.equal(result.Records[0].CSVRecords.trimEnd(), '1,"x,y",,""');
    await rejects(data.send(new GetStatementResultCommand({ Id: done.Id })), 'ValidationException', 400);
  });

  test('BatchExecuteStatement runs in order and serves results per sub-statement', async () => {
    const submitted = await data.send(new BatchExecuteStatementCommand({ ...target, Sqls: ['select 1 as one', 'select 2 as two'] }));
    const done = await waitFor(submitted.Id);
    assert.equal(done.Status, 'FINISHED');
    assert.equal(done.SubStatements.length, 2);
    assert.equal(done.SubStatements[1].Id, `${submitted.Id}:2`);
    await rejects(data.send(new GetStatementResultCommand({ Id: submitted.Id })), 'ValidationException', 400);
    const second = await data.send(new GetStatementResultCommand({ Id: `${submitted.Id}:2` }));
    assert.equal(second.Records[0][0].longValue, 2);
  });

  test('the same ClientToken returns the same statement', async () => {
    const token = `conformance-${Date.now()}`;
    const a = await data.send(new ExecuteStatementCommand({ ...target, Sql: 'select 1', ClientToken: token }));
    const b = await data.send(new ExecuteStatementCommand({ ...target, Sql: 'select 1', ClientToken: token }));
    assert.equal(a.Id, b.Id);
  });

  test('DescribeStatement long-polls with WaitTimeSeconds', async () => {
    const submitted = await data.send(new ExecuteStatementCommand({ ...target, Sql: 'select 1' }));
    const d = await data.send(new DescribeStatementCommand({ Id: submitted.Id, WaitTimeSeconds: 5 }));
    assert.equal(d.Status, 'FINISHED');
  });

  test('CancelStatement of a finished statement is a ValidationException', async () => {
    const done = await run('select 1');
    await rejects(data.send(new CancelStatementCommand({ Id: done.Id })), 'ValidationException', 400);
  });

  test('ListStatements lists what ran', async () => {
    const listed = await data.send(new ListStatementsCommand({ MaxResults: 100, Status: 'ALL' }));
    assert.ok(listed.Statements.length > 0);
    assert.ok(listed.Statements.every((s) => typeof s.Id === 'string' && s.CreatedAt instanceof Date));
  });
});

describe('catalog', () => {
  test('ListDatabases and ListSchemas', async () => {
    const dbs = await data.send(new ListDatabasesCommand(target));
    assert.ok(dbs.Databases.includes('dev'));
    const schemas = await data.send(new ListSchemasCommand({ ...target, SchemaPattern: '%' }));
    assert.ok(schemas.Schemas.includes('public'));
  });

  test('ListTables pages with its paginator and finds the TICKIT tables', async () => {
    const names = [];
    for await (const page of paginateListTables({ client: data, pageSize: 2 }, { ...target, SchemaPattern: 'public', TablePattern: '%' })) {
      names.push(...page.Tables.map((t) => t.name));
    }
    for (const table of ['users', 'venue', 'category', 'date', 'event', 'listing', 'sales']) {
      assert.ok(names.includes(table), `missing ${table} in ${names}`);
    }
  });

  test('DescribeTable answers as Redshift does, varchar lengths included', async () => {
    const columns = [];
    for await (const page of paginateDescribeTable({ client: data, pageSize: 3 }, { ...target, Schema: 'public', Table: 'users' })) {
      columns.push(...page.ColumnList);
    }
    assert.equal(columns.length, 18);
    const firstname = columns.find((c) => c.name === 'firstname');
    assert.equal(firstname.length, 30);
    const userid = columns.find((c) => c.name === 'userid');
    assert.equal(userid.nullable, 0);
  });
});

describe('errors', () => {
  test('an unknown statement is ResourceNotFoundException (404)', async () => {
    await rejects(data.send(new DescribeStatementCommand({ Id: '00000000-0000-0000-0000-000000000000' })), 'ResourceNotFoundException', 404);
  });

  test('a malformed Id is ValidationException (400)', async () => {
    await rejects(data.send(new DescribeStatementCommand({ Id: 'not-an-id' })), 'ValidationException', 400);
  });

  test('an unknown key is UnrecognizedClientException', async () => {
    const stranger = new RedshiftDataClient({ endpoint, region, credentials: { accessKeyId: 'nobody', secretAccessKey: 'x' }, maxAttempts: 1 });
    await rejects(stranger.send(new ListDatabasesCommand(target)), 'UnrecognizedClientException', 400);
  });

  test('a wrong secret key is InvalidSignatureException', async () => {
    const forger = new RedshiftDataClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'wrong' }, maxAttempts: 1 });
    await rejects(forger.send(new ListDatabasesCommand(target)), 'InvalidSignatureException', 400);
  });

  test('neither cluster nor workgroup is a ValidationException', async () => {
    await rejects(data.send(new ExecuteStatementCommand({ Database: 'dev', Sql: 'select 1' })), 'ValidationException', 400);
  });
});

describe('secrets manager', () => {
  test('GetSecretValue and DescribeSecret of a configured secret', async () => {
    const value = await secrets.send(new GetSecretValueCommand({ SecretId: secretName }));
    assert.equal(value.Name, secretName);
    assert.match(value.ARN, /^arn:aws:secretsmanager:us-east-1:\d{12}:secret:/);
    assert.equal(typeof JSON.parse(value.SecretString).username, 'string');
    const described = await secrets.send(new DescribeSecretCommand({ SecretId: value.ARN }));
    assert.equal(described.Name, secretName);
  });

  test('a missing secret is ResourceNotFoundException', async () => {
    await rejects(secrets.send(new GetSecretValueCommand({ SecretId: 'no-such-secret' })), 'ResourceNotFoundException', 400);
  });

  test('a statement authenticates with SecretArn', async () => {
    const done = await run('select 1', { SecretArn: secretName });
    assert.equal(done.Status, 'FINISHED');
  });
});
