using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DataRefresh.DemoData;

/// <summary>
/// Demo databases for build/demo.ps1: a small shop in SQLite. Deterministic (seeded) so every run shows the same
/// numbers, and self-contained (no sqlite3 CLI needed).
/// <list type="bullet">
/// <item><c>create &lt;dir&gt;</c>: &lt;dir&gt;/production.db (a full shop) and &lt;dir&gt;/uat.db (the same schema, a stale copy).</item>
/// <item><c>grow &lt;dir&gt;</c>: two more days of business in production.db, for an incremental refresh to pick up.</item>
/// <item><c>counts &lt;db&gt;</c>: one "table count" line per table.</item>
/// <item><c>sql &lt;db&gt;</c>: runs the SQL read from standard input on the file (creating it), printing every row of
/// every result set as its columns joined by '|' (NULL as nothing), as psql -A -t does; for the Pester tests.</item>
/// </list>
/// </summary>
internal static class Program
{
    private const string Timestamp = "yyyy-MM-dd HH:mm:ss";
    private const string Date = "yyyy-MM-dd";

    private const int Customers = 500;
    private const int Products = 200;
    private const int Orders = 3000;
    private const int OrderLines = 8000;

    /// <summary>UAT was copied from production when this share of the orders existed.</summary>
    private const double UatShare = 0.6;

    /// <summary>Hours from <see cref="Epoch"/>: orders every 0.72 h make 3000 orders fill exactly 90 days.</summary>
    private const double HoursPerOrder = 0.72;

    private static readonly DateTime Epoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    private static readonly string[] Countries = ["US", "DE", "FR", "GB", "NL"];
    private static readonly int[] CountryWeights = [35, 20, 15, 20, 10];
    private static readonly string[] FirstNames = ["Ada", "Alan", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger", "Radia", "Niklaus", "Hedy", "Tim", "Sophie", "John", "Karen", "Donald", "Anita", "Bjarne"];
    private static readonly string[] LastNames = ["Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Thompson", "Hamilton", "Ritchie", "Allen", "Dijkstra", "Perlman", "Wirth", "Lamarr", "Berners-Lee", "Wilson", "Backus", "Jones", "Knuth", "Borg", "Stroustrup"];
    private static readonly string[] Adjectives = ["Blue", "Red", "Green", "Small", "Large", "Steel", "Wooden", "Smart", "Classic", "Compact"];
    private static readonly string[] Nouns = ["Widget", "Gadget", "Lamp", "Kettle", "Chair", "Desk", "Mug", "Backpack", "Speaker", "Clock", "Notebook", "Pen", "Bottle", "Router", "Keyboard", "Mouse", "Monitor", "Cable", "Charger", "Headset"];

    private static readonly string[] Schema =
    [
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, country TEXT)",
        "CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT UNIQUE, name TEXT, price NUMERIC, last_modified TEXT)",
        "CREATE TABLE orders (order_id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER NOT NULL REFERENCES customers(id), ordered_at TEXT, total NUMERIC)",
        "CREATE TABLE order_lines (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(order_id), product_id INTEGER NOT NULL REFERENCES products(id), qty INTEGER, price NUMERIC)",
        "CREATE TABLE daily_sales (report_date TEXT, country TEXT, revenue NUMERIC, PRIMARY KEY (report_date, country))",
        "CREATE INDEX ix_products_last_modified ON products (last_modified)",
        "CREATE INDEX ix_orders_customer_id ON orders (customer_id)",
        "CREATE INDEX ix_orders_ordered_at ON orders (ordered_at)",
        "CREATE INDEX ix_order_lines_order_id ON order_lines (order_id)",
        "CREATE INDEX ix_order_lines_product_id ON order_lines (product_id)",
    ];

    /// <summary>daily_sales is derived: revenue per day and customer country, from orders (0 on a day without any).</summary>
    private const string AggregateDailySales = """
        WITH RECURSIVE days(d) AS (SELECT @from UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < @to),
             countries(c) AS (VALUES ('US'), ('DE'), ('FR'), ('GB'), ('NL'))
        INSERT INTO daily_sales (report_date, country, revenue)
        SELECT days.d, countries.c,
               round(coalesce((SELECT sum(o.total) FROM orders o JOIN customers cu ON cu.id = o.customer_id
                               WHERE cu.country = countries.c AND o.ordered_at >= days.d AND o.ordered_at < date(days.d, '+1 day')), 0), 2)
        FROM days CROSS JOIN countries
        """;

    private static int Main(string[] args)
    {
        if (args.Length != 2 || args[0] is not ("create" or "grow" or "counts" or "sql"))
        {
            Console.Error.WriteLine("usage: DemoData create <dir> | grow <dir> | counts <database file> | sql <database file> (SQL on stdin)");
            return 2;
        }

        try
        {
            switch (args[0])
            {
                case "create":
                    Create(Path.GetFullPath(args[1]));
                    break;
                case "grow":
                    Grow(Path.GetFullPath(args[1]));
                    break;
                case "sql":
                    RunSql(Path.GetFullPath(args[1]), Console.In.ReadToEnd());
                    break;
                default:
                    Counts(Path.GetFullPath(args[1]));
                    break;
            }

            return 0;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"DemoData {args[0]} failed: {ex.Message}");
            return 1;
        }
    }

    private static void Say(FormattableString line) => Console.WriteLine(FormattableString.Invariant(line));

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false, ForeignKeys = true }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static long Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteScalar();
    }

    private static long Long(SqliteConnection connection, SqliteTransaction? tx, string sql) =>
        Convert.ToInt64(Scalar(connection, tx, sql) ?? 0L, CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("@" + name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>A prepared INSERT: bind values by position and run it once per row.</summary>
    private sealed class Inserter : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _values;

        public Inserter(SqliteConnection connection, SqliteTransaction tx, string table, string[] columns, string suffix = "")
        {
            _command = Command(connection, tx, $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}){suffix}");
            _values = columns.Select(c => _command.Parameters.Add(new SqliteParameter("@" + c, null))).ToArray();
            _command.Prepare();
        }

        public long Rows { get; private set; }

        public object? Insert(params object?[] values)
        {
            for (var i = 0; i < _values.Length; i++)
            {
                _values[i].Value = values[i] ?? DBNull.Value;
            }

            Rows++;
            return _command.ExecuteScalar();
        }

        public void Dispose() => _command.Dispose();
    }

    private static string At(double hours) => Epoch.AddSeconds(Math.Round(hours * 3600)).ToString(Timestamp, CultureInfo.InvariantCulture);

    private static double HoursOf(string timestamp) =>
        (DateTime.ParseExact(timestamp, Timestamp, CultureInfo.InvariantCulture) - Epoch).TotalHours;

    /// <summary>Customers sign up every 4 hours from 20 days before the epoch; orders come only from existing ones.</summary>
    private static int CustomersAt(double hours) => Math.Clamp((int)Math.Floor((hours + 480) / 4), 1, Customers);

    /// <summary>A product is launched every 10 hours from 5 days before the epoch; its last_modified is its launch.</summary>
    private static double ProductLaunch(int id) => -120 + (10.0 * id);

    private static int ProductsAt(double hours) => Math.Clamp((int)Math.Floor((hours + 120) / 10), 1, Products);

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Country(Random random)
    {
        var roll = random.Next(CountryWeights.Sum());
        for (var i = 0; i < Countries.Length; i++)
        {
            if ((roll -= CountryWeights[i]) < 0)
            {
                return Countries[i];
            }
        }

        return Countries[^1];
    }

    private static (string Name, string Email) Person(Random random, long id)
    {
        var first = Pick(random, FirstNames);
        var last = Pick(random, LastNames);
        return ($"{first} {last}", string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{id}@example.com").ToLowerInvariant());
    }

    /// <summary>Distinct products for one order, from the first <paramref name="available"/> products.</summary>
    private static List<int> ChooseProducts(Random random, int count, int available)
    {
        var chosen = new List<int>(count);
        while (chosen.Count < count)
        {
            var product = random.Next(1, available + 1);
            if (!chosen.Contains(product) || chosen.Count >= available)
            {
                chosen.Add(product);
            }
        }

        return chosen;
    }

    private static void DeleteDatabase(string file)
    {
        foreach (var path in new[] { file, file + "-journal", file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }

    private static void Create(string dir)
    {
        Directory.CreateDirectory(dir);
        var production = Path.Combine(dir, "production.db");
        var uat = Path.Combine(dir, "uat.db");
        DeleteDatabase(production);
        DeleteDatabase(uat);

        var random = new Random(20250101);
        var prices = new double[Products + 1];
        var orderedAt = new string[Orders + 1];
        using (var db = Open(production, SqliteOpenMode.ReadWriteCreate))
        {
            foreach (var ddl in Schema)
            {
                Execute(db, null, ddl);
            }

            using var tx = db.BeginTransaction();
            using (var customers = new Inserter(db, tx, "customers", ["id", "name", "email", "country"]))
            {
                for (var id = 1; id <= Customers; id++)
                {
                    var (name, email) = Person(random, id);
                    customers.Insert(id, name, email, Country(random));
                }
            }

            using (var products = new Inserter(db, tx, "products", ["id", "sku", "name", "price", "last_modified"]))
            {
                for (var id = 1; id <= Products; id++)
                {
                    prices[id] = Math.Round(2 + (random.NextDouble() * 198), 2);
                    products.Insert(id, string.Create(CultureInfo.InvariantCulture, $"SKU-{id:00000}"), $"{Pick(random, Adjectives)} {Pick(random, Nouns)}", prices[id], At(ProductLaunch(id)));
                }
            }

            // Every order has a line; the rest of the lines land on random orders, so the total is exact.
            var linesPerOrder = Enumerable.Repeat(1, Orders + 1).ToArray();
            for (var i = Orders; i < OrderLines; i++)
            {
                linesPerOrder[random.Next(1, Orders + 1)]++;
            }

            using (var orders = new Inserter(db, tx, "orders", ["customer_id", "ordered_at", "total"], " RETURNING order_id"))
            using (var lines = new Inserter(db, tx, "order_lines", ["id", "order_id", "product_id", "qty", "price"]))
            {
                long lineId = 0;
                for (var k = 1; k <= Orders; k++)
                {
                    var hours = ((k - 1) * HoursPerOrder) + (random.NextDouble() * 0.5);
                    orderedAt[k] = At(hours);
                    var chosen = ChooseProducts(random, linesPerOrder[k], ProductsAt(hours)).Select(p => (Product: p, Qty: random.Next(1, 6))).ToList();
                    var total = Math.Round(chosen.Sum(l => l.Qty * prices[l.Product]), 2);
                    var orderId = orders.Insert(random.Next(1, CustomersAt(hours) + 1), orderedAt[k], total);
                    foreach (var (product, qty) in chosen)
                    {
                        lines.Insert(++lineId, orderId, product, qty, prices[product]);
                    }
                }

                var last = DateTime.ParseExact(orderedAt[Orders], Timestamp, CultureInfo.InvariantCulture);
                var days = Execute(db, tx, AggregateDailySales, ("from", Epoch.ToString(Date, CultureInfo.InvariantCulture)), ("to", last.ToString(Date, CultureInfo.InvariantCulture)));
                tx.Commit();
                Say($"production.db: created {Customers:N0} customers, {Products:N0} products, {orders.Rows:N0} orders, {lines.Rows:N0} order_lines, {days:N0} daily_sales ({days / Countries.Length} days x {Countries.Length} countries)");
            }
        }

        // UAT is a copy taken when order number UatShare * Orders was the newest, and edited since.
        var copiedOrders = (int)(Orders * UatShare);
        var snapshot = orderedAt[copiedOrders + 1];
        var snapshotDay = snapshot[..Date.Length];
        using (var db = Open(uat, SqliteOpenMode.ReadWriteCreate))
        {
            foreach (var ddl in Schema)
            {
                Execute(db, null, ddl);
            }

            Execute(db, null, "ATTACH DATABASE @file AS prod", ("file", production));
            using (var tx = db.BeginTransaction())
            {
                var customers = Execute(db, tx, "INSERT INTO customers SELECT id, name, email, country FROM prod.customers WHERE id <= @n", ("n", CustomersAt(HoursOf(snapshot))));
                var products = Execute(db, tx, "INSERT INTO products SELECT id, sku, name, price, last_modified FROM prod.products WHERE last_modified < @at", ("at", snapshot));
                var orders = Execute(db, tx, "INSERT INTO orders SELECT order_id, customer_id, ordered_at, total FROM prod.orders WHERE order_id <= @n", ("n", copiedOrders));
                var lines = Execute(db, tx, "INSERT INTO order_lines SELECT id, order_id, product_id, qty, price FROM prod.order_lines WHERE order_id <= @n", ("n", copiedOrders));
                var sales = Execute(db, tx, "INSERT INTO daily_sales SELECT report_date, country, revenue FROM prod.daily_sales WHERE report_date < @day", ("day", snapshotDay));
                Say($"uat.db: copied {customers:N0} customers, {products:N0} products, {orders:N0} orders, {lines:N0} order_lines, {sales:N0} daily_sales (production as of {snapshot})");

                // Testers' edits and stale figures, so the refresh visibly overwrites something.
                var editedCustomers = Execute(db, tx, "UPDATE customers SET email = 'test+' || id || '@uat.invalid', name = name || ' (test)' WHERE id % 20 = 0");
                var editedSales = Execute(db, tx, "UPDATE daily_sales SET revenue = round(revenue * 0.9, 2) WHERE report_date >= (SELECT date(max(report_date), '-1 day') FROM daily_sales)");
                tx.Commit();
                Say($"uat.db: edited {editedCustomers:N0} customers (test e-mails), {editedSales:N0} daily_sales (last 2 days stale at 90%)");
            }

            Execute(db, null, "DETACH DATABASE prod");
        }
    }

    private static void Grow(string dir)
    {
        var production = Path.Combine(dir, "production.db");
        if (!File.Exists(production))
        {
            throw new InvalidOperationException($"{production} does not exist; run create first");
        }

        using var db = Open(production, SqliteOpenMode.ReadWrite);
        using var tx = db.BeginTransaction();
        var lastDay = (string?)Scalar(db, tx, "SELECT max(report_date) FROM daily_sales") ?? throw new InvalidOperationException("daily_sales is empty");
        var day0 = DateTime.ParseExact(lastDay, Date, CultureInfo.InvariantCulture).AddDays(1);
        var hours0 = (day0 - Epoch).TotalHours;
        var maxOrder = Long(db, tx, "SELECT coalesce(max(order_id), 0) FROM orders");
        var random = new Random(4242 + (int)maxOrder);

        // New sign-ups.
        var firstCustomer = Long(db, tx, "SELECT coalesce(max(id), 0) FROM customers") + 1;
        const int newCustomers = 10;
        using (var customers = new Inserter(db, tx, "customers", ["id", "name", "email", "country"]))
        {
            for (var id = firstCustomer; id < firstCustomer + newCustomers; id++)
            {
                var (name, email) = Person(random, id);
                customers.Insert(id, name, email, Country(random));
            }
        }

        // Price changes: these rows get a newer last_modified, which smart_sync picks up.
        var productCount = (int)Long(db, tx, "SELECT count(*) FROM products");
        var touched = ChooseProducts(random, 12, productCount);
        foreach (var id in touched)
        {
            Execute(
                db,
                tx,
                "UPDATE products SET price = round(price * @factor, 2), last_modified = @at WHERE id = @id",
                ("factor", 1.02 + (random.NextDouble() * 0.08)),
                ("at", day0.AddHours(6).AddMinutes(random.Next(0, 600)).ToString(Timestamp, CultureInfo.InvariantCulture)),
                ("id", id));
        }

        var prices = new Dictionary<long, double>();
        using (var read = Command(db, tx, "SELECT id, price FROM products"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                prices[reader.GetInt64(0)] = reader.GetDouble(1);
            }
        }

        // Two more days of orders: 200 orders, 0.24 h apart.
        const int newOrders = 200;
        var customerCount = (int)(firstCustomer + newCustomers - 1);
        var lineId = Long(db, tx, "SELECT coalesce(max(id), 0) FROM order_lines");
        using var orders = new Inserter(db, tx, "orders", ["customer_id", "ordered_at", "total"], " RETURNING order_id");
        using var lines = new Inserter(db, tx, "order_lines", ["id", "order_id", "product_id", "qty", "price"]);
        for (var i = 0; i < newOrders; i++)
        {
            var hours = hours0 + (i * 0.24) + (random.NextDouble() * 0.2);
            var chosen = ChooseProducts(random, random.Next(1, 5), productCount).Select(p => (Product: p, Qty: random.Next(1, 6))).ToList();
            var total = Math.Round(chosen.Sum(l => l.Qty * prices[l.Product]), 2);
            var orderId = orders.Insert(random.Next(1, customerCount + 1), At(hours), total);
            foreach (var (product, qty) in chosen)
            {
                lines.Insert(++lineId, orderId, product, qty, prices[product]);
            }
        }

        var days = Execute(db, tx, AggregateDailySales, ("from", day0.ToString(Date, CultureInfo.InvariantCulture)), ("to", day0.AddDays(1).ToString(Date, CultureInfo.InvariantCulture)));
        tx.Commit();
        Say($"production.db: added {newCustomers} customers, {orders.Rows:N0} orders with {lines.Rows:N0} order_lines, {days:N0} daily_sales ({day0.ToString(Date, CultureInfo.InvariantCulture)} and the day after, {Countries.Length} countries)");
        Say($"production.db: repriced {touched.Count} products (last_modified {day0.ToString(Date, CultureInfo.InvariantCulture)}): ids {string.Join(", ", touched.Order())}");
    }

    private static void Counts(string file)
    {
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} does not exist");
        }

        using var db = Open(file, SqliteOpenMode.ReadOnly);
        var tables = new List<string>();
        using (var list = Command(db, null, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            Say($"{table} {Long(db, null, $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")}");
        }
    }

    private static void RunSql(string file, string sql)
    {
        using var db = Open(file, SqliteOpenMode.ReadWriteCreate);
        using var command = Command(db, null, sql);
        using var reader = command.ExecuteReader();
        do
        {
            while (reader.Read())
            {
                var values = new string[reader.FieldCount];
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values[i] = reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty;
                }

                Console.WriteLine(string.Join('|', values));
            }
        }
        while (reader.NextResult());
    }
}
