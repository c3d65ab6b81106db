import type { Rule } from "./rule.js";

/**
 * The strongest signals in the languages users write most besides English: dropping earlier
 * instructions, asking for the system prompt, and a persona free of rules. Lower-cased input.
 */
export const MULTILINGUAL_RULES: readonly Rule[] = [
  {
    name: "drop-instructions-intl",
    category: "prompt_injection",
    weight: 0.85,
    pattern: new RegExp(
      [
        String.raw`\b(?:ignorier\w*|vergiss|vergessen sie|missachte\w*)\b[^.\n]{0,30}\b(?:vorherigen?|bisherigen?|obigen?|alle|vorigen?|früheren?)\b[^.\n]{0,20}\b(?:anweisungen|instruktionen|befehle|regeln|vorgaben|anordnungen)`,
        String.raw`\b(?:ignore[zs]?|oublie[zs]?|ne tiens pas compte)\b[^.\n]{0,30}\b(?:instructions|consignes|directives|règles|ordres)\b[^.\n]{0,20}\b(?:précédentes|antérieures|ci-dessus|précédents|initiales)|\b(?:ignore[zs]?|oublie[zs]?)\b[^.\n]{0,10}\b(?:toutes? )?(?:les |tes |vos )(?:instructions|consignes|directives|règles) (?:précédentes|antérieures)`,
        String.raw`\b(?:ignora|ignore|olvida|olvide|descarta|omite|ignorar|ignorá)\b[^.\n]{0,30}\b(?:instrucciones|indicaciones|órdenes|reglas|directrices|instruções|regras|orientações|ordens|istruzioni|regole|direttive|indicazioni)\b[^.\n]{0,20}\b(?:anteriores|previas|precedentes|previe|precedenti|sopra|acima|arriba)`,
        String.raw`\b(?:dimentica|ignora)\b[^.\n]{0,30}\b(?:istruzioni|regole)\b`,
        String.raw`\b(?:negeer|vergeet)\b[^.\n]{0,30}\b(?:instructies|opdrachten|regels|aanwijzingen)\b`,
        String.raw`\b(?:ignorera|glöm|strunta i|ignorer|glem|ignorér)\b[^.\n]{0,30}\b(?:instruktioner(?:na)?|instruksjoner|instruktioner|regler(?:na)?|anvisningar)\b`,
        String.raw`(?:игнорируй|игнорируйте|забудь|забудьте|проигнорируй)[^.\n]{0,30}(?:инструкци|указани|правил|команд)`,
        String.raw`\b(?:zignoruj|zapomnij|pomiń)\b[^.\n]{0,30}\b(?:instrukcje|polecenia|zasady|reguły)`,
        String.raw`\b(?:önceki|tüm)\b[^.\n]{0,30}\b(?:talimatları|komutları|kuralları)\b[^.\n]{0,20}\b(?:yok say|unut|görmezden gel)`,
        String.raw`(?:忽略|无视|忽视|忘记|忘掉|不要理会|無視|忽略掉)[^。\n]{0,12}(?:之前|以前|上面|先前|前面|以上|所有|全部)?[^。\n]{0,8}(?:指令|指示|说明|規則|规则|提示|命令|要求)`,
        String.raw`(?:これまで|以前|前|上記|すべて)[^。\n]{0,10}(?:指示|命令|ルール|プロンプト)[^。\n]{0,10}(?:無視|忘れ)`,
        String.raw`(?:이전|앞의|위의|모든)[^.\n]{0,15}(?:지시|명령|지침|규칙)[^.\n]{0,15}(?:무시|잊어)`,
        String.raw`(?:تجاهل|انس)[^.\n]{0,30}(?:التعليمات|الأوامر|القواعد)`,
      ].join("|"),
    ),
  },
  {
    name: "reveal-prompt-intl",
    category: "prompt_injection",
    weight: 0.75,
    pattern: /\b(?:systemprompt|system-prompt|systemanweisung\w*|prompt (?:système|systeme|del sistema|di sistema|do sistema)|invite système|instructions (?:système|initiales)|systeemprompt|systemprompten|instrucciones del sistema|istruzioni di sistema)\b|системн\w* (?:промпт|подсказк|инструкц)|(?:系统提示|系統提示|系统指令|システムプロンプト|시스템 프롬프트)/,
  },
  {
    name: "free-of-limits-intl",
    category: "jailbreak",
    weight: 0.6,
    pattern: new RegExp(
      [
        String.raw`\b(?:ohne|keine|frei von)\b[^.\n]{0,25}\b(?:einschränkungen|beschränkungen|richtlinien|regeln|filter|zensur|grenzen|moral|ethik)`,
        String.raw`\b(?:sans|aucune?|libre de)\b[^.\n]{0,25}\b(?:restrictions?|limites|règles|filtres?|censure|éthique|morale|garde-fous)`,
        String.raw`\b(?:sin|ningun[ao]?|libre de)\b[^.\n]{0,25}\b(?:restricciones|límites|reglas|filtros|censura|ética|moral)`,
        String.raw`\b(?:senza|nessun[ao]?|libero da)\b[^.\n]{0,25}\b(?:restrizion[ei]|limiti|regole|filtri|censura|etica|linee guida)`,
        String.raw`\b(?:sem|nenhuma?|livre de)\b[^.\n]{0,25}\b(?:restrições|restrição|limites|regras|filtros|censura|ética|diretrizes)`,
        String.raw`\b(?:zonder|geen)\b[^.\n]{0,25}\b(?:beperkingen|regels|filters|censuur|richtlijnen|ethiek)`,
        String.raw`\b(?:utan|inga|uten|ingen)\b[^.\n]{0,25}\b(?:begränsningar|regler|filter|censur|begrensninger|restriktioner|riktlinjer)`,
        String.raw`\b(?:bez|żadnych)\b[^.\n]{0,25}\b(?:ograniczeń|zasad|filtrów|cenzury)`,
        String.raw`(?:без|нет)[^.\n]{0,25}(?:ограничени|правил|фильтр|цензур|морали|этик)`,
        String.raw`\b(?:hiçbir|olmayan)\b[^.\n]{0,25}\b(?:kısıtlama|kural|filtre|sansür)`,
        String.raw`(?:没有任何|没有|不受|无任何|無任何|沒有)[^。\n]{0,10}(?:限制|规则|規則|约束|審查|审查|过滤|道德)`,
        String.raw`(?:制限|ルール|フィルター|倫理)[^。\n]{0,10}(?:なし|無し|ない|無視|解除)`,
        String.raw`(?:제한|규칙|필터|윤리)[^.\n]{0,10}(?:없는|없이|무시|해제)`,
        String.raw`(?:بدون|بلا|دون)[^.\n]{0,25}(?:قيود|قواعد|رقابة|حدود)`,
      ].join("|"),
    ),
  },
  {
    name: "special-mode-intl",
    category: "jailbreak",
    weight: 0.3,
    pattern: /\b(?:entwicklermodus|mode (?:développeur|developpeur|sans restriction|dieu)|modo (?:desarrollador|sviluppatore|desenvolvedor|dios|sin restricciones)|ontwikkelaarsmodus|utvecklarläge|utviklermodus|tryb deweloper\w*|geliştirici modu)\b|режим разработчика|(?:开发者模式|開發者模式|开发模式|開発者モード|개발자 모드)/,
  },
  {
    name: "never-refuse-intl",
    category: "jailbreak",
    weight: 0.45,
    pattern: /\b(?:lehnst nie|niemals ab|verweigerst nie|ne refuses? jamais|nunca te niegas|nunca rechazas|non rifiuti mai|nunca (?:se )?recusa|weigert nooit|vägrar aldrig|nekter aldri|nigdy nie odmawiasz|asla reddetmez)\b|никогда не отказываешь|(?:从不拒绝|從不拒絕|不会拒绝|拒否しない|断らない|거절하지 않)/,
  },
  {
    name: "persona-intl",
    category: "jailbreak",
    weight: 0.3,
    pattern: /\b(?:ab sofort bist du|von nun an bist du|à partir de maintenant,? (?:tu es|vous êtes)|desde ahora eres|a partir de ahora eres|d'ora in poi sei|a partir de agora (?:você é|és)|vanaf nu ben je|från och med nu är du|fra nå av er du|od teraz jesteś|bundan sonra)\b|с этого момента ты|(?:从现在开始，?你是|從現在開始，?你是|今からあなたは|지금부터 너는|지금부터 당신은)/,
  },
];
