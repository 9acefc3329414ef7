using DataRefresh.Catalog;

namespace DataRefresh.Tests.Unit;

/// <summary>How the plan shows a sequence: its name, then every column that draws from it.</summary>
public class SequenceInfoTests
{
    [Fact]
    public void A_shared_sequence_names_its_columns_with_their_schema_only_where_it_differs()
    {
        var sequence = new SequenceInfo
        {
            Name = new QualifiedName("billing", "Order Numbers"),
            Kind = SequenceKind.Sequence,
            Users = [new(new("billing", "orders"), "order_id"), new(new("archive", "orders"), "order_id")],
        };

        Assert.Equal("billing.Order Numbers (orders.order_id, archive.orders.order_id)", sequence.ToString());
    }

    [Theory]
    [InlineData(SequenceKind.Identity, "dbo.Orders IDENTITY (Orders.OrderId)")]
    [InlineData(SequenceKind.AutoIncrement, "dbo.Orders AUTOINCREMENT (Orders.OrderId)")]
    public void A_counter_that_belongs_to_its_table_is_named_after_the_table(SequenceKind kind, string expected)
    {
        var table = new QualifiedName("dbo", "Orders");

        Assert.Equal(expected, new SequenceInfo { Name = table, Kind = kind, Users = [new(table, "OrderId")] }.ToString());
    }
}
