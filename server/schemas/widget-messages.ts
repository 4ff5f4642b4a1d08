// The texts a widget visitor reads, in each language a widget can speak (its `language` setting).
// A few dozen strings do not need an i18n framework in the widget's bundle: one typed dictionary
// per language, each checked by the compiler to have every key of the English one. The iframe page
// (app/embed) and the loader's button (through GET /embed/{assistant_id}/status) read them from here.
// No zod here: the iframe's bundle imports this file and carries no zod (the setting's schema is
// widgetLanguageSchema in widget.ts).

export const WIDGET_LANGUAGES = ["en", "de", "fr", "es", "tr"] as const;
export type WidgetLanguage = (typeof WIDGET_LANGUAGES)[number];

/** Each language named in itself, for the console's select. */
export const widgetLanguageNames: Record<WidgetLanguage, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  tr: "Türkçe",
};

const en = {
  openChat: "Open chat",
  closeChat: "Close chat",
  chat: "Chat",
  chatWith: "Chat with {title}",
  newConversation: "New conversation",
  conversation: "Conversation",
  yourMessage: "Your message",
  assistantMessage: "Assistant message",
  message: "Message",
  askPlaceholder: "Ask a question",
  connecting: "Connecting…",
  send: "Send",
  thinking: "Thinking…",
  sources: "Sources",
  toolsUsed: "Tools used",
  toolRunning: "running",
  toolDone: "done",
  toolFailed: "failed",
  rateAnswer: "Rate this answer",
  helpful: "Helpful",
  notHelpful: "Not helpful",
  thanks: "Thanks for your feedback.",
  tellUsMore: "Tell us more (optional)",
  ratingFailed: "The rating could not be saved",
  reference: "Reference",
  notAvailable: "This chat is not available.",
  notAvailableHere: "This chat is not available on this site.",
  unavailableNow: "The chat is not available just now. Please try again later.",
  couldNotStart: "The chat could not start",
  answerFailed: "The answer failed",
  preview: "Preview: questions are answered on an allowed site or in the console's Playground.",
  suggestions: "Suggested questions",
};
export type WidgetMessages = typeof en;

const de: WidgetMessages = {
  openChat: "Chat öffnen",
  closeChat: "Chat schließen",
  chat: "Chat",
  chatWith: "Chat mit {title}",
  newConversation: "Neues Gespräch",
  conversation: "Gespräch",
  yourMessage: "Ihre Nachricht",
  assistantMessage: "Nachricht des Assistenten",
  message: "Nachricht",
  askPlaceholder: "Stellen Sie eine Frage",
  connecting: "Verbindung wird hergestellt…",
  send: "Senden",
  thinking: "Denkt nach…",
  sources: "Quellen",
  toolsUsed: "Verwendete Werkzeuge",
  toolRunning: "läuft",
  toolDone: "erledigt",
  toolFailed: "fehlgeschlagen",
  rateAnswer: "Diese Antwort bewerten",
  helpful: "Hilfreich",
  notHelpful: "Nicht hilfreich",
  thanks: "Danke für Ihr Feedback.",
  tellUsMore: "Erzählen Sie uns mehr (optional)",
  ratingFailed: "Die Bewertung konnte nicht gespeichert werden",
  reference: "Referenz",
  notAvailable: "Dieser Chat ist nicht verfügbar.",
  notAvailableHere: "Dieser Chat ist auf dieser Website nicht verfügbar.",
  unavailableNow: "Der Chat ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut.",
  couldNotStart: "Der Chat konnte nicht gestartet werden",
  answerFailed: "Die Antwort ist fehlgeschlagen",
  preview: "Vorschau: Fragen werden auf einer erlaubten Website oder im Playground der Konsole beantwortet.",
  suggestions: "Vorgeschlagene Fragen",
};

const fr: WidgetMessages = {
  openChat: "Ouvrir le chat",
  closeChat: "Fermer le chat",
  chat: "Chat",
  chatWith: "Discuter avec {title}",
  newConversation: "Nouvelle conversation",
  conversation: "Conversation",
  yourMessage: "Votre message",
  assistantMessage: "Message de l’assistant",
  message: "Message",
  askPlaceholder: "Posez une question",
  connecting: "Connexion…",
  send: "Envoyer",
  thinking: "Réflexion…",
  sources: "Sources",
  toolsUsed: "Outils utilisés",
  toolRunning: "en cours",
  toolDone: "terminé",
  toolFailed: "échec",
  rateAnswer: "Évaluer cette réponse",
  helpful: "Utile",
  notHelpful: "Pas utile",
  thanks: "Merci pour votre avis.",
  tellUsMore: "Dites-nous en plus (facultatif)",
  ratingFailed: "L’évaluation n’a pas pu être enregistrée",
  reference: "Référence",
  notAvailable: "Ce chat n’est pas disponible.",
  notAvailableHere: "Ce chat n’est pas disponible sur ce site.",
  unavailableNow: "Le chat n’est pas disponible pour le moment. Veuillez réessayer plus tard.",
  couldNotStart: "Le chat n’a pas pu démarrer",
  answerFailed: "La réponse a échoué",
  preview:
    "Aperçu : les questions reçoivent une réponse sur un site autorisé ou dans le Playground de la console.",
  suggestions: "Questions suggérées",
};

const es: WidgetMessages = {
  openChat: "Abrir chat",
  closeChat: "Cerrar chat",
  chat: "Chat",
  chatWith: "Chatear con {title}",
  newConversation: "Nueva conversación",
  conversation: "Conversación",
  yourMessage: "Tu mensaje",
  assistantMessage: "Mensaje del asistente",
  message: "Mensaje",
  askPlaceholder: "Haz una pregunta",
  connecting: "Conectando…",
  send: "Enviar",
  thinking: "Pensando…",
  sources: "Fuentes",
  toolsUsed: "Herramientas usadas",
  toolRunning: "en curso",
  toolDone: "hecho",
  toolFailed: "falló",
  rateAnswer: "Valorar esta respuesta",
  helpful: "Útil",
  notHelpful: "No es útil",
  thanks: "Gracias por tu opinión.",
  tellUsMore: "Cuéntanos más (opcional)",
  ratingFailed: "No se pudo guardar la valoración",
  reference: "Referencia",
  notAvailable: "Este chat no está disponible.",
  notAvailableHere: "Este chat no está disponible en este sitio.",
  unavailableNow: "El chat no está disponible en este momento. Inténtalo de nuevo más tarde.",
  couldNotStart: "No se pudo iniciar el chat",
  answerFailed: "La respuesta falló",
  preview: "Vista previa: las preguntas se responden en un sitio permitido o en el Playground de la consola.",
  suggestions: "Preguntas sugeridas",
};

const tr: WidgetMessages = {
  openChat: "Sohbeti aç",
  closeChat: "Sohbeti kapat",
  chat: "Sohbet",
  chatWith: "{title} ile sohbet",
  newConversation: "Yeni sohbet",
  conversation: "Sohbet",
  yourMessage: "Mesajınız",
  assistantMessage: "Asistan mesajı",
  message: "Mesaj",
  askPlaceholder: "Bir soru sorun",
  connecting: "Bağlanıyor…",
  send: "Gönder",
  thinking: "Düşünüyor…",
  sources: "Kaynaklar",
  toolsUsed: "Kullanılan araçlar",
  toolRunning: "çalışıyor",
  toolDone: "tamamlandı",
  toolFailed: "başarısız",
  rateAnswer: "Bu yanıtı değerlendirin",
  helpful: "Yararlı",
  notHelpful: "Yararlı değil",
  thanks: "Geri bildiriminiz için teşekkürler.",
  tellUsMore: "Daha fazlasını anlatın (isteğe bağlı)",
  ratingFailed: "Değerlendirme kaydedilemedi",
  reference: "Referans",
  notAvailable: "Bu sohbet kullanılamıyor.",
  notAvailableHere: "Bu sohbet bu sitede kullanılamıyor.",
  unavailableNow: "Sohbet şu anda kullanılamıyor. Lütfen daha sonra tekrar deneyin.",
  couldNotStart: "Sohbet başlatılamadı",
  answerFailed: "Yanıt alınamadı",
  preview: "Önizleme: sorular izin verilen bir sitede veya konsolun Playground sayfasında yanıtlanır.",
  suggestions: "Önerilen sorular",
};

const dictionaries: Record<WidgetLanguage, WidgetMessages> = { en, de, fr, es, tr };

/** The texts of a language; an unknown value (a row written by a later version) falls back to English. */
export function widgetMessages(language: string): WidgetMessages {
  return dictionaries[language as WidgetLanguage] ?? en;
}

/** A text with its `{name}` placeholders filled in. */
export function fillMessage(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
