public enum RulesCompiler {}
