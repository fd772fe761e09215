using RedshiftTyped.Corpus.Tests.Cases;
using RedshiftTyped.Corpus.Tests.Running;

namespace RedshiftTyped.Corpus.Tests;

/// <summary>How setups are read (run_corpus.py's regular expressions) and which cases may run at the same time.</summary>
public sealed class ScheduleTests
{
    [Fact]
    public void Created_tables_and_views_are_found_with_their_written_names_and_temp_tables_become_plain()
    {
        var objects = CreatedObjects.Of([
            "create temp table t1 (a int)", "insert into t1 values (1)", "CREATE OR REPLACE VIEW s.\"My View\" AS select 1",
            "create table if not exists orders as select 1",
        ]);
        Assert.Equal([new CreatedObject(false, "t1"), new CreatedObject(true, "s.\"My View\""), new CreatedObject(false, "orders")], objects);
        Assert.Equal("DROP VIEW IF EXISTS s.\"My View\"", objects[1].DropStatement);
        Assert.Equal("create table t1 (a int)", CreatedObjects.WithoutTemporary("create temp table t1 (a int)"));
        Assert.Equal("  CREATE table x(a int)", CreatedObjects.WithoutTemporary("  CREATE LOCAL TEMPORARY table x(a int)"));
    }

    [Fact]
    public void Cases_that_mention_a_created_name_run_in_one_chain_in_file_order_and_the_others_alone()
    {
        CorpusCase Case(string id, string sql, params string[] setup) => new() { Id = id, Page = "p", Sql = sql, Setup = setup };
        var cases = new[]
        {
            Case("a", "select * from t", "create table t (x int)"),
            Case("b", "select 1"),
            Case("c", "select count(*) from T", "create table t (y int)"),
            Case("d", "select * from orders o join t on true", "create table orders (z int)"),
            Case("e", "select 2"),
        };

        var chains = CaseSchedule.Chains(cases).Select(chain => string.Join("", chain.Select(c => c.Id))).ToList();

        Assert.Equal(["acd", "b", "e"], chains);
    }
}
