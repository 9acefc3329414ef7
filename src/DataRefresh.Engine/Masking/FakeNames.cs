namespace DataRefresh.Masking;

/// <summary>The built-in names the first_name, last_name, full_name and email rules draw from (invented for this module, no data set).</summary>
internal static class FakeNames
{
    public static readonly string[] First =
    [
        "Ada", "Alan", "Alice", "Amir", "Anna", "Arjun", "Beatriz", "Ben", "Carla", "Chen", "Chloe", "Daniel", "Dara", "Elena", "Emeka", "Emma",
        "Farid", "Fatima", "Felix", "Grace", "Hana", "Hugo", "Ines", "Ivan", "Jada", "James", "Jonas", "Julia", "Kai", "Karin", "Kofi", "Lara",
        "Leo", "Lina", "Luca", "Maya", "Mei", "Mateo", "Nadia", "Nico", "Noah", "Nora", "Olga", "Omar", "Oscar", "Paula", "Priya", "Quinn",
        "Rafael", "Rosa", "Ruth", "Sami", "Sara", "Sofia", "Tariq", "Theo", "Uma", "Vera", "Victor", "Wen", "Yara", "Yusuf", "Zoe", "Zoran",
    ];

    public static readonly string[] Last =
    [
        "Abara", "Alden", "Baker", "Barros", "Berg", "Brandt", "Carter", "Castillo", "Dahl", "Diallo", "Duarte", "Eriksen", "Falk", "Fischer", "Garcia", "Gray",
        "Hale", "Haddad", "Ivanova", "Jensen", "Kaur", "Keller", "Kowalski", "Lambert", "Larsen", "Lopez", "Mendes", "Moreau", "Murphy", "Nakamura", "Novak", "Okafor",
        "Olsen", "Park", "Patel", "Quintero", "Reyes", "Rossi", "Sato", "Schmidt", "Silva", "Singh", "Sousa", "Tanaka", "Torres", "Turner", "Ueda", "Vance",
        "Varga", "Vogel", "Walsh", "Weber", "Wright", "Xu", "Yamada", "Young", "Zadeh", "Zhou", "Ziegler", "Moss", "Lind", "Horvat", "Farah", "Costa",
    ];
}
