/// The mock's specialists, as data. Descriptions, categories, ports and tags are
/// Tekton's own (recorded in `fixtures/rhetor-v1/specialists.http`); the scores,
/// models and performance figures are invented but stable.
enum Roster {
    /// Every specialist, in the order v1 and discovery list them.
    static let all: [Specialist] = [
        make(
            "apollo", "Apollo", 45012, "Local attention and prediction system", "ai",
            ["code-analysis", "debugging"],
            [
                ("code-analysis", 0.95), ("debugging", 0.9), ("testing", 0.75), ("planning", 0.7),
                ("creative-writing", 0.3),
            ],
            model: "qwen2.5-coder:32b", window: 100_000, time: 1.2, success: 0.98),
        make(
            "athena", "Athena", 45005, "Knowledge graph and relationship management", "knowledge",
            ["knowledge-graph", "research"],
            [
                ("knowledge-graph", 0.96), ("research", 0.88), ("documentation", 0.72), ("memory", 0.6),
                ("code-analysis", 0.45),
            ],
            model: "llama3.3:70b", window: 128_000, time: 1.6, success: 0.97),
        make(
            "rhetor", "Rhetor", 45003, "Multi-provider LLM orchestration and management", "ai",
            ["orchestration", "creative-writing"],
            [
                ("orchestration", 0.93), ("creative-writing", 0.86), ("documentation", 0.8), ("workflow", 0.62),
                ("research", 0.55),
            ],
            tags: ["llm_orchestration", "multi_provider_support", "intelligent_routing", "context_management"],
            model: "claude-sonnet-4", window: 200_000, time: 1.1, success: 0.99),
        make(
            "prometheus", "Prometheus", 45006, "Strategic planning and goal management", "planning",
            ["planning", "requirements"],
            [
                ("planning", 0.97), ("requirements", 0.82), ("workflow", 0.74), ("research", 0.6),
                ("cost-analysis", 0.4),
            ],
            model: "llama3.3:70b", window: 128_000, time: 1.8, success: 0.96),
        make(
            "metis", "Metis", 45011, "Task breakdown and management", "planning",
            ["planning", "workflow"],
            [("planning", 0.91), ("workflow", 0.84), ("requirements", 0.7), ("testing", 0.5), ("documentation", 0.45)],
            model: "mistral-small:24b", window: 32_000, time: 0.9, success: 0.97),
        make(
            "harmonia", "Harmonia", 45007, "Workflow orchestration and state management", "workflow",
            ["workflow", "orchestration"],
            [
                ("workflow", 0.95), ("orchestration", 0.89), ("planning", 0.66), ("monitoring", 0.58),
                ("debugging", 0.35),
            ],
            model: "mistral-small:24b", window: 32_000, time: 1.0, success: 0.98),
        make(
            "hermes", "Hermes", 45001, "Service registry, messaging, and component coordination", "infrastructure",
            ["orchestration", "monitoring"],
            [("orchestration", 0.8), ("monitoring", 0.78), ("workflow", 0.55), ("debugging", 0.4)],
            model: "phi4:14b", window: 16_000, time: 0.6, success: 0.91, healthy: false),
        make(
            "engram", "Engram", 45000, "Persistent memory and knowledge management system", "memory",
            ["memory", "knowledge-graph"],
            [
                ("memory", 0.97), ("knowledge-graph", 0.83), ("research", 0.64), ("documentation", 0.6),
                ("summarization", 0.55),
            ],
            model: "llama3.1:8b", window: 128_000, time: 0.8, success: 0.98),
        make(
            "ergon", "Ergon", 45002, "Agent system for specialized task execution", "execution",
            ["execution", "workflow"],
            [("execution", 0.92), ("workflow", 0.8), ("testing", 0.68), ("code-analysis", 0.6), ("debugging", 0.57)],
            model: "qwen2.5-coder:32b", window: 64_000, time: 1.4, success: 0.95),
        make(
            "numa", "Numa", 45016, "Platform CI mentor providing guidance and oversight", "ai",
            ["orchestration", "documentation"],
            [
                ("orchestration", 0.85), ("documentation", 0.82), ("planning", 0.72), ("monitoring", 0.65),
                ("creative-writing", 0.5),
            ],
            tags: ["companion_chat", "team_chat", "platform_guidance", "component_mentoring"],
            model: "claude-sonnet-4", window: 200_000, time: 1.3, success: 0.99),
        make(
            "sophia", "Sophia", 45014, "Machine learning and system intelligence measurement", "ai",
            ["research", "monitoring"],
            [
                ("research", 0.9), ("monitoring", 0.86), ("pattern-recognition", 0.8), ("testing", 0.62),
                ("cost-analysis", 0.5),
            ],
            tags: ["intelligence_measurement", "component_health_monitoring", "ml_analysis"],
            model: "deepseek-r1:32b", window: 64_000, time: 2.1, success: 0.95),
        make(
            "synthesis", "Synthesis", 45009, "Code synthesis and execution engine", "execution",
            ["code-analysis", "execution"],
            [
                ("code-analysis", 0.9), ("execution", 0.89), ("debugging", 0.78), ("testing", 0.7),
                ("documentation", 0.4),
            ],
            model: "qwen2.5-coder:32b", window: 64_000, time: 1.5, success: 0.96),
        make(
            "telos", "Telos", 45008, "Requirements tracking and validation", "planning",
            ["requirements", "testing"],
            [
                ("requirements", 0.96), ("testing", 0.81), ("planning", 0.75), ("documentation", 0.7),
                ("research", 0.45),
            ],
            model: "llama3.3:70b", window: 128_000, time: 1.7, success: 0.97),
        make(
            "noesis", "Noesis", 45015, "Discovery system for pattern recognition and insights", "ai",
            ["pattern-recognition", "research"],
            [
                ("pattern-recognition", 0.94), ("research", 0.9), ("knowledge-graph", 0.7), ("code-analysis", 0.55),
                ("creative-writing", 0.45),
            ],
            tags: ["discovery_chat", "team_chat", "pattern_recognition", "insight_generation"],
            model: "deepseek-r1:32b", window: 64_000, time: 2.4, success: 0.94),
        make(
            "penia", "Penia", 45013, "Token usage and cost management", "resources",
            ["cost-analysis", "monitoring"],
            [("cost-analysis", 0.97), ("monitoring", 0.8), ("planning", 0.55), ("requirements", 0.4)],
            tags: ["budget_allocation", "cost_tracking", "assistant_service"],
            model: "phi4:14b", window: 16_000, time: 0.5, success: 0.99),
        make(
            "terma", "Terma", 45004, "Terminal interface and command execution", "ui",
            ["execution", "debugging"],
            [
                ("execution", 0.84), ("debugging", 0.76), ("documentation", 0.58), ("code-analysis", 0.52),
                ("testing", 0.5),
            ],
            model: "llama3.1:8b", window: 32_000, time: 0.7, success: 0.97),
        make(
            "hephaestus", "Hephaestus", 45080, "Web-based user interface", "ui",
            ["documentation", "creative-writing"],
            [("documentation", 0.7), ("creative-writing", 0.65), ("workflow", 0.4)],
            model: "llama3.1:8b", window: 32_000, time: 0.9, success: 0.9, healthy: false),
    ]

    /// The specialist with this id, or nil.
    static func specialist(_ id: String) -> Specialist? {
        all.first { $0.id == id }
    }

    private static func make(
        _ id: String, _ name: String, _ port: Int, _ description: String, _ category: String,
        _ primary: [String], _ scores: [(String, Double)], tags: [String] = [],
        model: String, window: Int, time: Double, success: Double, healthy: Bool = true
    ) -> Specialist {
        Specialist(
            id: id, name: name, port: port, description: description, category: category,
            primary: primary,
            scores: scores.map { Specialist.Score(capability: $0.0, value: $0.1) },
            tags: tags, model: model, contextWindow: window,
            averageResponseTime: time, successRate: success, healthy: healthy
        )
    }
}
