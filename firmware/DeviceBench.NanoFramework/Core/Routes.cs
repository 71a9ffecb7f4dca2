namespace DeviceBench.NanoFramework
{
    /// <summary>The fairness rules' routes: the same body bytes and content types as every other contender.</summary>
    public static class Routes
    {
        public const string PlainContentType = "text/plain";
        public const string JsonContentType = "application/json";

        public static readonly byte[] PlainBody = Ascii("Hello, World!");
        public static readonly byte[] JsonBody = Ascii("{\"message\":\"Hello, World!\"}");

        /// <summary>System.Text.Encoding is a separate nanoFramework package; these bodies are ASCII.</summary>
        private static byte[] Ascii(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }

        /// <summary>No body: a 404 is answered with Content-Length 0, as the C# engines do.</summary>
        public static readonly byte[] NotFoundBody = new byte[0];

        /// <summary>A request path without its query: <c>/</c>, <c>/json</c>, anything else.</summary>
        public static Route Match(string path)
        {
            int query = path.IndexOf('?');
            string bare = query >= 0 ? path.Substring(0, query) : path;
            if (bare == "/") return Route.Plain;
            if (bare == "/json") return Route.Json;
            return Route.NotFound;
        }

        public static int StatusCode(Route route)
        {
            return route == Route.NotFound ? 404 : 200;
        }

        public static byte[] Body(Route route)
        {
            return route == Route.Plain ? PlainBody : route == Route.Json ? JsonBody : NotFoundBody;
        }

        /// <summary>Null for a 404, which carries no body to describe.</summary>
        public static string ContentType(Route route)
        {
            return route == Route.Plain ? PlainContentType : route == Route.Json ? JsonContentType : null;
        }
    }

    public enum Route
    {
        NotFound,
        Plain,
        Json,
    }
}
