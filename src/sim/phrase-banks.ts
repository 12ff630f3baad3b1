import type { Check } from "../verifiers/index.js";

// Small phrase banks, one per Maestro response language, into which the composer slots a draft's facts.
// Each bank holds enough connected, ordinary sentences that franc (the language detector the verifiers
// use) recognises the language even when a few untranslated facts ("Acme Corp", "INV-1234") sit among
// them; test/unit/sim/phrase-banks.test.ts measures that for every language.
//
// Rules every sentence here follows, because the composer counts on them: it ends with a single "." and
// has no other sentence end inside; it has no comma-free alternative to worry about (commas are removed
// when a check forbids them, and no sentence relies on one); it uses no "!", ";", em dash, emoji, quote,
// markdown or digit; it does not end on an abbreviation; and it never opens like a preamble ("Sure",
// "Here is") or closes like an offer ("Let me know"), so it is safe inside an answer-only text.

/** The role of an extracted `key: value` fact, used to give it a translated label. */
export type FieldRole =
  | "vendor"
  | "customer"
  | "invoice_number"
  | "order_number"
  | "reference"
  | "total"
  | "amount"
  | "tax"
  | "date"
  | "due_date"
  | "issue_date"
  | "subject"
  | "status"
  | "email"
  | "phone"
  | "address"
  | "name"
  | "answer";

/** The words of one language the composer slots facts into. */
export interface PhraseBank {
  /** ISO 639-3 code, as franc reports it. */
  code: string;
  /** The `response_language` name. */
  name: string;
  /** Field labels by role; an unknown role keeps the label from the input. */
  labels: Readonly<Record<FieldRole, string>>;
  /** Neutral sentences about the draft itself, used to open, pad and give the detector enough text. */
  fillers: readonly string[];
  /** Sentences that mention a keyword; `{keyword}` is replaced. */
  mentions: readonly string[];
  /** A sentence stating a money amount; `{amount}` is replaced. */
  amount: string;
  /** A sentence stating a date; `{date}` is replaced. */
  date: string;
  /** A sentence introducing extracted fields. */
  fieldsLead: string;
  /** A sentence introducing a reply to a customer. */
  replyLead: string;
  /** A short greeting line for a reply, ending with a comma. */
  greeting: string;
  /** A sign-off line for a reply. */
  signOff: string;
  /** Section names for markdown headers. */
  sections: readonly string[];
  /** A document title, wrapped in `<<` `>>` by the composer. */
  title: string;
  /** The body of a postscript, after its marker. */
  postscript: string;
  /** Sentences of a reply to a customer, after its lead. */
  replyBody: readonly string[];
  /** A closing question, for "end with a question". */
  question: string;
  /** A closing exclamation, for "end with an exclamation". */
  exclamation: string;
  /** Phrases of one, two, three and four words a filler may end with, to reach a word or character count. */
  pads: readonly [string, string, string, string];
  /** The word for "and", used to join two sentences into one; attached to the next word when `attach` is set. */
  conjunction: { word: string; attach: boolean };
}

const ENGLISH: PhraseBank = {
  code: "eng",
  name: "english",
  labels: {
    vendor: "Vendor name",
    customer: "Customer",
    invoice_number: "Invoice number",
    order_number: "Order number",
    reference: "Reference",
    total: "Total amount",
    amount: "Amount",
    tax: "Tax",
    date: "Date",
    due_date: "Due date",
    issue_date: "Issue date",
    subject: "Subject",
    status: "Status",
    email: "Email",
    phone: "Phone",
    address: "Address",
    name: "Name",
    answer: "Answer",
  },
  fillers: [
    "The details below are taken directly from the document you shared.",
    "Every value has been copied exactly as it was written in the original text.",
    "The information is complete and nothing was left out.",
    "All amounts and dates were checked against the source.",
    "You will find the same information in the attached record.",
    "No further changes are needed at this stage.",
    "The record is consistent with the earlier summary.",
    "This overview covers the main points of the request.",
    "The remaining details can be confirmed with the sender.",
    "Please check these values before you move on to the next step.",
    "The figures match the totals given in the request.",
    "Nothing in the source contradicts the information provided here.",
  ],
  mentions: [
    "This also concerns {keyword}.",
    "The request refers to {keyword} as well.",
    "The text mentions {keyword} again here.",
  ],
  amount: "The amount stated in the document is {amount}.",
  date: "The date given in the document is {date}.",
  fieldsLead: "The document contains the following details.",
  replyLead: "Thank you for contacting us about your request.",
  greeting: "Hello,",
  signOff: "Best regards from the support team.",
  sections: ["Summary", "Details", "Next steps", "Background", "Notes", "Sources"],
  title: "Summary of the request",
  postscript: "The original document is kept on file.",
  replyBody: [
    "We are sorry for the trouble this has caused you.",
    "Our team has looked into your message and is working on a solution.",
    "You will receive an update from us as soon as it is ready.",
  ],
  question: "Would you like us to send you a copy of the full record?",
  exclamation: "Thank you for your patience!",
  pads: ["today", "as requested", "for your records", "as of this moment"],
  conjunction: { word: "and", attach: false },
};

const FRENCH: PhraseBank = {
  code: "fra",
  name: "french",
  labels: {
    vendor: "Fournisseur",
    customer: "Client",
    invoice_number: "Numéro de facture",
    order_number: "Numéro de commande",
    reference: "Référence",
    total: "Montant total",
    amount: "Montant",
    tax: "Taxe",
    date: "Date",
    due_date: "Date d'échéance",
    issue_date: "Date d'émission",
    subject: "Objet",
    status: "Statut",
    email: "Courriel",
    phone: "Téléphone",
    address: "Adresse",
    name: "Nom",
    answer: "Réponse",
  },
  fillers: [
    "Les informations ci-dessous proviennent directement du document que vous avez partagé.",
    "Chaque valeur a été recopiée telle qu'elle figure dans le texte d'origine.",
    "Les renseignements sont complets et rien n'a été omis.",
    "Tous les montants et toutes les dates ont été vérifiés avec la source.",
    "Les mêmes détails figurent dans le dossier joint.",
    "Aucune autre modification n'est nécessaire pour le moment.",
    "Le dossier est cohérent avec le résumé précédent.",
    "Cette synthèse reprend les points principaux de la demande.",
    "Les autres détails peuvent être confirmés auprès de l'expéditeur.",
    "Merci de vérifier ces valeurs avant la prochaine étape.",
    "Les chiffres correspondent aux totaux indiqués dans la demande.",
    "Rien dans la source ne contredit ces informations.",
  ],
  mentions: [
    "Cela concerne aussi {keyword}.",
    "La demande parle également de {keyword}.",
    "Le texte mentionne encore {keyword} ici.",
  ],
  amount: "Le montant indiqué dans le document est de {amount}.",
  date: "La date indiquée dans le document est le {date}.",
  fieldsLead: "Le document contient les informations suivantes.",
  replyLead: "Merci de nous avoir contactés au sujet de votre demande.",
  greeting: "Bonjour,",
  signOff: "Cordialement de la part de l'équipe du service client.",
  sections: ["Résumé", "Détails", "Prochaines étapes", "Contexte", "Remarques", "Sources"],
  title: "Résumé de la demande",
  postscript: "Le document original est conservé dans nos dossiers.",
  replyBody: [
    "Nous sommes désolés pour le désagrément que cela vous a causé.",
    "Notre équipe a examiné votre message et travaille à une solution.",
    "Vous recevrez de nos nouvelles dès que possible.",
  ],
  question: "Souhaitez-vous recevoir une copie du dossier complet?",
  exclamation: "Merci de votre patience!",
  pads: ["aujourd'hui", "comme demandé", "pour vos dossiers", "à ce stade précis"],
  conjunction: { word: "et", attach: false },
};

const GERMAN: PhraseBank = {
  code: "deu",
  name: "german",
  labels: {
    vendor: "Lieferant",
    customer: "Kunde",
    invoice_number: "Rechnungsnummer",
    order_number: "Bestellnummer",
    reference: "Referenz",
    total: "Gesamtbetrag",
    amount: "Betrag",
    tax: "Steuer",
    date: "Datum",
    due_date: "Fälligkeitsdatum",
    issue_date: "Ausstellungsdatum",
    subject: "Betreff",
    status: "Status",
    email: "E-Mail",
    phone: "Telefon",
    address: "Adresse",
    name: "Name",
    answer: "Antwort",
  },
  fillers: [
    "Die folgenden Angaben stammen direkt aus dem Dokument, das Sie geteilt haben.",
    "Jeder Wert wurde so übernommen, wie er im ursprünglichen Text steht.",
    "Die Informationen sind vollständig und es wurde nichts ausgelassen.",
    "Alle Beträge und Daten wurden mit der Quelle abgeglichen.",
    "Dieselben Angaben finden sich auch in der beigefügten Akte.",
    "Zum jetzigen Zeitpunkt sind keine weiteren Änderungen nötig.",
    "Die Unterlagen stimmen mit der früheren Zusammenfassung überein.",
    "Diese Übersicht fasst die wichtigsten Punkte der Anfrage zusammen.",
    "Die übrigen Einzelheiten können mit dem Absender geklärt werden.",
    "Bitte prüfen Sie die Werte vor dem nächsten Schritt.",
    "Die Zahlen entsprechen den Summen, die in der Anfrage genannt werden.",
    "Nichts in der Quelle widerspricht diesen Angaben.",
  ],
  mentions: [
    "Das betrifft auch das Thema {keyword}.",
    "Die Anfrage bezieht sich ebenfalls auf {keyword}.",
    "Der Text erwähnt an dieser Stelle noch einmal {keyword}.",
  ],
  amount: "Der im Dokument genannte Betrag beträgt {amount}.",
  date: "Das im Dokument genannte Datum ist der {date}.",
  fieldsLead: "Das Dokument enthält die folgenden Angaben.",
  replyLead: "Vielen Dank, dass Sie uns wegen Ihrer Anfrage kontaktiert haben.",
  greeting: "Guten Tag,",
  signOff: "Mit freundlichen Grüßen von Ihrem Kundendienst.",
  sections: ["Zusammenfassung", "Einzelheiten", "Nächste Schritte", "Hintergrund", "Hinweise", "Quellen"],
  title: "Zusammenfassung der Anfrage",
  postscript: "Das Originaldokument wird bei uns aufbewahrt.",
  replyBody: [
    "Es tut uns leid, dass Ihnen dadurch Unannehmlichkeiten entstanden sind.",
    "Unser Team hat Ihre Nachricht geprüft und arbeitet an einer Lösung.",
    "Sie erhalten von uns eine Rückmeldung, sobald sie vorliegt.",
  ],
  question: "Möchten Sie eine Kopie der vollständigen Unterlagen erhalten?",
  exclamation: "Vielen Dank für Ihre Geduld!",
  pads: ["heute", "wie gewünscht", "für Ihre Unterlagen", "nach dem aktuellen Stand"],
  conjunction: { word: "und", attach: false },
};

const SPANISH: PhraseBank = {
  code: "spa",
  name: "spanish",
  labels: {
    vendor: "Proveedor",
    customer: "Cliente",
    invoice_number: "Número de factura",
    order_number: "Número de pedido",
    reference: "Referencia",
    total: "Importe total",
    amount: "Importe",
    tax: "Impuesto",
    date: "Fecha",
    due_date: "Fecha de vencimiento",
    issue_date: "Fecha de emisión",
    subject: "Asunto",
    status: "Estado",
    email: "Correo electrónico",
    phone: "Teléfono",
    address: "Dirección",
    name: "Nombre",
    answer: "Respuesta",
  },
  fillers: [
    "Los datos siguientes proceden directamente del documento que usted compartió.",
    "Cada valor se copió tal como aparece en el texto original.",
    "La información está completa y no se ha omitido nada.",
    "Todos los importes y todas las fechas se comprobaron con la fuente.",
    "Los mismos detalles aparecen en el expediente adjunto.",
    "De momento no es necesario hacer ningún otro cambio en el expediente.",
    "El expediente coincide con el resumen que le enviamos anteriormente.",
    "Este resumen recoge los puntos principales de la solicitud.",
    "Los demás detalles se pueden confirmar con el remitente.",
    "Por favor revise los valores antes del siguiente paso.",
    "Las cifras coinciden con los totales que figuran en la solicitud.",
    "Nada de lo que aparece en la fuente contradice estos datos.",
  ],
  mentions: [
    "Esto también tiene que ver con {keyword}.",
    "La solicitud también hace referencia al asunto de {keyword}.",
    "El texto vuelve a mencionar aquí el asunto de {keyword}.",
  ],
  amount: "El importe que figura en el documento es de {amount}.",
  date: "La fecha que figura en el documento es el {date}.",
  fieldsLead: "El documento contiene los siguientes datos.",
  replyLead: "Gracias por ponerse en contacto con nosotros sobre su solicitud.",
  greeting: "Hola,",
  signOff: "Un cordial saludo del equipo de atención al cliente.",
  sections: ["Resumen", "Detalles", "Próximos pasos", "Contexto", "Notas", "Fuentes"],
  title: "Resumen de la solicitud",
  postscript: "El documento original se conserva en nuestros archivos.",
  replyBody: [
    "Lamentamos mucho las molestias que esto le ha causado.",
    "Nuestro equipo ha revisado su mensaje y está trabajando en una solución.",
    "Recibirá noticias nuestras en cuanto la tengamos lista.",
  ],
  question: "¿Desea que le enviemos una copia del expediente completo?",
  exclamation: "¡Gracias por su paciencia!",
  pads: ["hoy", "como pidió", "para sus registros", "en este preciso momento"],
  conjunction: { word: "y", attach: false },
};

const ITALIAN: PhraseBank = {
  code: "ita",
  name: "italian",
  labels: {
    vendor: "Fornitore",
    customer: "Cliente",
    invoice_number: "Numero di fattura",
    order_number: "Numero d'ordine",
    reference: "Riferimento",
    total: "Importo totale",
    amount: "Importo",
    tax: "Imposta",
    date: "Data",
    due_date: "Data di scadenza",
    issue_date: "Data di emissione",
    subject: "Oggetto",
    status: "Stato",
    email: "Posta elettronica",
    phone: "Telefono",
    address: "Indirizzo",
    name: "Nome",
    answer: "Risposta",
  },
  fillers: [
    "I dati seguenti provengono direttamente dal documento che ha condiviso.",
    "Ogni valore è stato copiato così come appare nel testo originale.",
    "Le informazioni sono complete e non è stato tralasciato nulla.",
    "Tutti gli importi e tutte le date sono stati controllati con la fonte.",
    "Gli stessi dettagli compaiono nella pratica allegata.",
    "Per ora non sono necessarie altre modifiche.",
    "La pratica è coerente con il riepilogo precedente.",
    "Questo riepilogo raccoglie i punti principali della richiesta.",
    "Gli altri dettagli possono essere confermati con il mittente.",
    "La preghiamo di verificare i valori prima del passaggio successivo.",
    "Le cifre corrispondono ai totali indicati nella richiesta.",
    "Nella fonte non c'è niente che contraddica questi dati.",
  ],
  mentions: [
    "Questo riguarda anche la questione di {keyword}.",
    "La richiesta parla anche di {keyword}.",
    "Il testo cita di nuovo {keyword} in questo punto.",
  ],
  amount: "L'importo indicato nel documento è di {amount}.",
  date: "La data indicata nel documento è il {date}.",
  fieldsLead: "Il documento contiene i seguenti dati.",
  replyLead: "Grazie per averci contattato in merito alla sua richiesta.",
  greeting: "Buongiorno,",
  signOff: "Cordiali saluti dal servizio clienti.",
  sections: ["Riepilogo", "Dettagli", "Prossimi passi", "Contesto", "Note", "Fonti"],
  title: "Riepilogo della richiesta",
  postscript: "Il documento originale è conservato nel nostro archivio.",
  replyBody: [
    "Ci scusiamo per il disagio che questo le ha causato.",
    "Il nostro team ha esaminato il suo messaggio e sta lavorando a una soluzione.",
    "Riceverà un aggiornamento da parte nostra non appena sarà pronto.",
  ],
  question: "Desidera ricevere una copia della pratica completa?",
  exclamation: "Grazie per la sua pazienza!",
  pads: ["oggi", "come richiesto", "per sua informazione", "in questo preciso momento"],
  conjunction: { word: "e", attach: false },
};

const PORTUGUESE: PhraseBank = {
  code: "por",
  name: "portuguese",
  labels: {
    vendor: "Fornecedor",
    customer: "Cliente",
    invoice_number: "Número da fatura",
    order_number: "Número do pedido",
    reference: "Referência",
    total: "Valor total",
    amount: "Valor",
    tax: "Imposto",
    date: "Data",
    due_date: "Data de vencimento",
    issue_date: "Data de emissão",
    subject: "Assunto",
    status: "Situação",
    email: "Correio eletrônico",
    phone: "Telefone",
    address: "Endereço",
    name: "Nome",
    answer: "Resposta",
  },
  fillers: [
    "Os dados seguintes vêm diretamente do documento que você compartilhou.",
    "Cada um dos valores foi transcrito sem alterações a partir do texto original.",
    "As informações estão completas e nada foi omitido.",
    "Todos os valores e todas as datas foram conferidos com a fonte.",
    "Os mesmos detalhes aparecem no processo anexado.",
    "Não são necessárias outras alterações por enquanto.",
    "O processo está de acordo com o resumo anterior.",
    "Este resumo reúne os pontos principais do pedido.",
    "Os demais detalhes podem ser confirmados com o remetente.",
    "Pedimos que você verifique com atenção todos esses valores antes de continuar.",
    "Os números coincidem com os totais que foram indicados no seu pedido.",
    "Nada na fonte contradiz estas informações.",
  ],
  mentions: [
    "Isto também diz respeito ao assunto {keyword}.",
    "O pedido também se refere a {keyword}.",
    "O texto volta a falar do assunto {keyword} neste ponto.",
  ],
  amount: "O valor indicado no documento é de {amount}.",
  date: "A data indicada no documento é {date}.",
  fieldsLead: "O documento contém as seguintes informações.",
  replyLead: "Obrigado por entrar em contato conosco sobre o seu pedido.",
  greeting: "Olá,",
  signOff: "Atenciosamente da equipe de atendimento ao cliente.",
  sections: ["Resumo", "Detalhes", "Próximos passos", "Contexto", "Observações", "Fontes"],
  title: "Resumo do pedido",
  postscript: "O documento original está guardado no nosso arquivo.",
  replyBody: [
    "Lamentamos muito o transtorno que isto lhe causou.",
    "A nossa equipe analisou a sua mensagem e está trabalhando numa solução.",
    "Você receberá uma resposta nossa assim que ela estiver pronta.",
  ],
  question: "Você gostaria de receber uma cópia do processo completo?",
  exclamation: "Obrigado pela sua paciência!",
  pads: ["hoje", "como solicitado", "para seu registro", "neste momento em particular"],
  conjunction: { word: "e", attach: false },
};

const DUTCH: PhraseBank = {
  code: "nld",
  name: "dutch",
  labels: {
    vendor: "Leverancier",
    customer: "Klant",
    invoice_number: "Factuurnummer",
    order_number: "Bestelnummer",
    reference: "Referentie",
    total: "Totaalbedrag",
    amount: "Bedrag",
    tax: "Belasting",
    date: "Datum",
    due_date: "Vervaldatum",
    issue_date: "Factuurdatum",
    subject: "Onderwerp",
    status: "Status",
    email: "E-mailadres",
    phone: "Telefoon",
    address: "Adres",
    name: "Naam",
    answer: "Antwoord",
  },
  fillers: [
    "De onderstaande gegevens komen rechtstreeks uit het document dat u hebt gedeeld.",
    "Elke waarde is overgenomen zoals die in de oorspronkelijke tekst staat.",
    "Wij hebben de informatie volledig gecontroleerd en er ontbreekt niets.",
    "Alle bedragen en datums zijn met de bron vergeleken.",
    "Dezelfde gegevens staan ook in het bijgevoegde dossier.",
    "Op dit moment zijn er geen verdere wijzigingen nodig.",
    "Het dossier komt overeen met de eerdere samenvatting.",
    "Dit overzicht bevat de belangrijkste punten van de aanvraag.",
    "De overige details kunnen met de afzender worden bevestigd.",
    "Controleer de waarden alstublieft voor de volgende stap.",
    "De cijfers komen overeen met de totalen die in uw aanvraag worden genoemd.",
    "Niets in de bron spreekt deze gegevens tegen.",
  ],
  mentions: [
    "Dit heeft ook betrekking op {keyword}.",
    "De aanvraag verwijst ook naar {keyword}.",
    "In deze tekst wordt {keyword} opnieuw genoemd.",
  ],
  amount: "Het bedrag dat in het document staat is {amount}.",
  date: "De datum die in het document staat is {date}.",
  fieldsLead: "Het document bevat de volgende gegevens.",
  replyLead: "Bedankt dat u contact met ons hebt opgenomen over uw aanvraag.",
  greeting: "Goedendag,",
  signOff: "Met vriendelijke groet van het klantenserviceteam.",
  sections: ["Samenvatting", "Details", "Volgende stappen", "Achtergrond", "Opmerkingen", "Bronnen"],
  title: "Samenvatting van de aanvraag",
  postscript: "Het oorspronkelijke document wordt door ons bewaard.",
  replyBody: [
    "Het spijt ons dat u hierdoor ongemak hebt ondervonden.",
    "Ons team heeft uw bericht bekeken en werkt aan een oplossing.",
    "U ontvangt van ons een update zodra die klaar is.",
  ],
  question: "Wilt u een kopie van het volledige dossier ontvangen?",
  exclamation: "Hartelijk dank voor uw geduld!",
  pads: ["vandaag", "zoals gevraagd", "voor uw administratie", "op dit moment ook"],
  conjunction: { word: "en", attach: false },
};

const ARABIC: PhraseBank = {
  code: "arb",
  name: "arabic",
  labels: {
    vendor: "اسم المورد",
    customer: "العميل",
    invoice_number: "رقم الفاتورة",
    order_number: "رقم الطلب",
    reference: "المرجع",
    total: "المبلغ الإجمالي",
    amount: "المبلغ",
    tax: "الضريبة",
    date: "التاريخ",
    due_date: "تاريخ الاستحقاق",
    issue_date: "تاريخ الإصدار",
    subject: "الموضوع",
    status: "الحالة",
    email: "البريد الإلكتروني",
    phone: "الهاتف",
    address: "العنوان",
    name: "الاسم",
    answer: "الإجابة",
  },
  fillers: [
    "البيانات التالية مأخوذة مباشرة من المستند الذي أرسلته.",
    "تم نسخ كل قيمة كما وردت في النص الأصلي.",
    "المعلومات كاملة ولم يتم حذف أي شيء منها.",
    "تمت مراجعة جميع المبالغ والتواريخ مع المصدر.",
    "تظهر التفاصيل نفسها في الملف المرفق.",
    "لا توجد حاجة إلى أي تعديلات أخرى في الوقت الحالي.",
    "الملف متوافق مع الملخص السابق.",
    "يلخص هذا العرض النقاط الرئيسية في الطلب.",
    "يمكن تأكيد التفاصيل الأخرى مع المرسل.",
    "يرجى مراجعة القيم قبل الخطوة التالية.",
    "الأرقام مطابقة للمجاميع المذكورة في الطلب.",
    "لا يوجد في المصدر ما يتعارض مع هذه البيانات.",
  ],
  mentions: [
    "يتعلق هذا أيضا بموضوع {keyword} الذي ورد في الطلب.",
    "يشير الطلب كذلك إلى {keyword}.",
    "يذكر النص هنا مرة أخرى موضوع {keyword} الوارد في الطلب.",
  ],
  amount: "المبلغ المذكور في المستند هو {amount}.",
  date: "التاريخ المذكور في المستند هو {date}.",
  fieldsLead: "يحتوي المستند على البيانات التالية.",
  replyLead: "شكرا لتواصلك معنا بخصوص طلبك.",
  greeting: "مرحبا،",
  signOff: "مع أطيب التحيات من فريق خدمة العملاء.",
  sections: ["الملخص", "التفاصيل", "الخطوات التالية", "الخلفية", "ملاحظات", "المصادر"],
  title: "ملخص الطلب",
  postscript: "نحتفظ بالمستند الأصلي في ملفاتنا.",
  replyBody: [
    "نعتذر عن الإزعاج الذي سببه لك هذا الأمر.",
    "قام فريقنا بمراجعة رسالتك ويعمل الآن على إيجاد حل.",
    "ستصلك منا رسالة فور أن يصبح الحل جاهزا.",
  ],
  question: "هل تريد أن نرسل إليك نسخة من الملف الكامل?",
  exclamation: "شكرا لك على صبرك!",
  pads: ["أيضا", "كما طلبت", "في هذه المرحلة", "كما ورد في الطلب"],
  conjunction: { word: "و", attach: true },
};

const HEBREW: PhraseBank = {
  code: "heb",
  name: "hebrew",
  labels: {
    vendor: "שם הספק",
    customer: "לקוח",
    invoice_number: "מספר חשבונית",
    order_number: "מספר הזמנה",
    reference: "אסמכתא",
    total: "סכום כולל",
    amount: "סכום",
    tax: "מס",
    date: "תאריך",
    due_date: "תאריך פירעון",
    issue_date: "תאריך הנפקה",
    subject: "נושא",
    status: "סטטוס",
    email: "דואר אלקטרוני",
    phone: "טלפון",
    address: "כתובת",
    name: "שם",
    answer: "תשובה",
  },
  fillers: [
    "הנתונים הבאים לקוחים ישירות מהמסמך ששיתפת איתנו.",
    "כל ערך הועתק בדיוק כפי שהוא מופיע בטקסט המקורי.",
    "המידע מלא ולא הושמט ממנו דבר.",
    "כל הסכומים והתאריכים נבדקו מול המקור.",
    "אותם פרטים מופיעים גם בתיק המצורף.",
    "אין צורך בשינויים נוספים בשלב זה.",
    "התיק תואם את הסיכום הקודם.",
    "הסקירה הזאת מסכמת את הנקודות העיקריות של הבקשה.",
    "אפשר לאשר את שאר הפרטים מול השולח.",
    "נא לבדוק את הערכים לפני השלב הבא.",
    "המספרים תואמים את הסכומים שמופיעים בבקשה.",
    "שום דבר במקור אינו סותר את הנתונים האלה.",
  ],
  mentions: [
    "זה נוגע גם לנושא {keyword}.",
    "הבקשה מתייחסת גם אל {keyword}.",
    "הטקסט מזכיר כאן שוב את {keyword}.",
  ],
  amount: "הסכום שמופיע במסמך הוא {amount}.",
  date: "התאריך שמופיע במסמך הוא {date}.",
  fieldsLead: "המסמך כולל את הפרטים הבאים.",
  replyLead: "תודה שפנית אלינו בנוגע לבקשה שלך.",
  greeting: "שלום,",
  signOff: "בברכה מצוות שירות הלקוחות.",
  sections: ["סיכום", "פרטים", "השלבים הבאים", "רקע", "הערות", "מקורות"],
  title: "סיכום הבקשה",
  postscript: "המסמך המקורי שמור אצלנו בתיק.",
  replyBody: [
    "אנחנו מצטערים על אי הנוחות שנגרמה לך.",
    "הצוות שלנו בדק את ההודעה שלך ועובד על פתרון.",
    "תקבל מאיתנו עדכון ברגע שהפתרון יהיה מוכן.",
  ],
  question: "האם תרצה שנשלח לך עותק של התיק המלא?",
  exclamation: "תודה רבה על הסבלנות!",
  pads: ["כעת", "כפי שביקשת", "לצורך התיעוד שלך", "נכון לרגע זה בדיוק"],
  conjunction: { word: "ו", attach: true },
};

/** The phrase banks, in the order of Maestro's `response_language` values. */
export const PHRASE_BANKS: readonly PhraseBank[] = [
  ARABIC,
  DUTCH,
  ENGLISH,
  FRENCH,
  GERMAN,
  HEBREW,
  ITALIAN,
  PORTUGUESE,
  SPANISH,
];

/**
 * The phrase bank for `language`, given as an ISO 639-3 code ("fra") or a `response_language` name
 * ("french"), case-insensitive; undefined for any other language ("unset" included).
 */
export function findPhraseBank(language: string): PhraseBank | undefined {
  const wanted = language.trim().toLowerCase();
  return PHRASE_BANKS.find((bank) => bank.code === wanted || bank.name === wanted);
}

/** The English phrase bank, the composer's default. */
export const ENGLISH_BANK: PhraseBank = ENGLISH;

const FALLBACK_ORDER = ["eng", "spa", "fra", "deu", "ita", "por", "nld", "arb", "heb"];

/**
 * The bank a draft is written with: the language a check to meet asks for, else `language`, else
 * English; and when that language is one a check must break, English or the next language that is not.
 */
export function choosePhraseBank(
  satisfy: readonly Check[],
  violate: readonly Check[],
  language?: string,
): PhraseBank {
  const required = satisfy.find((check) => check.kind === "language");
  const requiredBank = required === undefined ? undefined : findPhraseBank(required.language);
  const bank = requiredBank ?? (language === undefined ? undefined : findPhraseBank(language)) ?? ENGLISH;
  const avoid = new Set(violate.flatMap((check) => (check.kind === "language" ? [check.language] : [])));
  if (!avoid.has(bank.code)) return bank;
  const code = FALLBACK_ORDER.find((candidate) => !avoid.has(candidate)) ?? "eng";
  return findPhraseBank(code) ?? ENGLISH;
}
