"""Translations of the demo content, keyed by the English source segment.

``services._translate`` feeds these to wagtail-localize exactly as a
translator's work would arrive: one string per segment of the source page.
"""

CATALOGUES: dict[str, dict[str, str]] = {
    "es": {
        "Cities for Digital Rights": "Ciudades por los Derechos Digitales",
        "Digital rights are human rights, in every city": (
            "Los derechos digitales son derechos humanos, en todas las ciudades"
        ),
        (
            "A coalition of cities that protect and promote the rights of "
            "residents and visitors online, working from five shared principles. "
            "Read the declaration, see what member cities are doing, and ask your "
            "own city to join."
        ): (
            "Una coalición de ciudades que protegen y promueven los derechos de "
            "residentes y visitantes en internet, a partir de cinco principios "
            "compartidos. Lea la declaración, descubra qué hacen las ciudades "
            "miembro y pida a su ciudad que se adhiera."
        ),
        "The declaration": "La declaración",
        (
            "By signing this declaration, cities form the Cities Coalition for "
            "Digital Rights to protect and uphold human rights on the internet, "
            "locally and globally."
        ): (
            "Con la firma de esta declaración, las ciudades constituyen la "
            "Coalición de Ciudades por los Derechos Digitales para proteger y "
            "defender los derechos humanos en internet, en el ámbito local y "
            "global."
        ),
        (
            "The internet is part of daily life, and so are its harms: speech "
            "censored, personal data watched, shared and sold without consent, "
            "opaque algorithms making decisions no one answers for, harassment, "
            "and public debate undermined. Cities are the democratic institutions "
            "closest to people. They commit to remove the obstacles that keep "
            "residents from the benefits of technology, to offer digital services "
            "people can trust, and to build rights such as privacy, free "
            "expression and democracy into the platforms they run."
        ): (
            "Internet forma parte de la vida cotidiana, y sus perjuicios también: "
            "la censura de la libre expresión, la vigilancia, la cesión y la "
            "venta de datos personales sin consentimiento, algoritmos opacos que "
            "toman decisiones de las que nadie rinde cuentas, el acoso y el "
            "deterioro del debate público. Las ciudades son las instituciones "
            "democráticas más cercanas a las personas. Se comprometen a eliminar "
            "los obstáculos que impiden a sus residentes beneficiarse de la "
            "tecnología, a ofrecer servicios digitales en los que las personas "
            "puedan confiar y a incorporar derechos como la privacidad, la "
            "libertad de expresión y la democracia en las plataformas que "
            "gestionan."
        ),
        (
            "With the support of UN-Habitat, and inspired by the Charter of Human "
            "Rights and Principles for the Internet, member cities share what "
            "works, learn from each other and act together on five principles, "
            "which will evolve as the coalition does."
        ): (
            "Con el apoyo de ONU-Habitat, e inspiradas por la Carta de Derechos "
            "Humanos y Principios para Internet, las ciudades miembro comparten "
            "lo que funciona, aprenden unas de otras y actúan conjuntamente a "
            "partir de cinco principios, que evolucionarán a medida que lo haga "
            "la coalición."
        ),
        "Universal and equal access to the internet, and digital literacy": (
            "Acceso universal e igualitario a internet y alfabetización digital"
        ),
        (
            "Everyone can get online at a price they can afford, on equal terms, "
            "and has the skills to use that access and cross the digital divide."
        ): (
            "Todas las personas pueden conectarse a internet a un precio "
            "asequible y en igualdad de condiciones, y cuentan con las "
            "competencias necesarias para aprovechar ese acceso y superar la "
            "brecha digital."
        ),
        "What this asks of a city": "Qué se espera de una ciudad",
        (
            "Commit to broadband for every neighbourhood, free public connections "
            "where people need them, and digital skills programmes in libraries, "
            "schools and community centres, designed with the residents who are "
            "offline today."
        ): (
            "Comprometerse con la banda ancha en todos los barrios, conexiones "
            "públicas gratuitas allí donde la gente las necesite y programas de "
            "competencias digitales en bibliotecas, escuelas y centros cívicos, "
            "diseñados junto con los residentes que hoy no tienen conexión."
        ),
        "Privacy, data protection and security": (
            "Privacidad, protección de datos y seguridad"
        ),
        (
            "Everyone keeps control of their personal information, online and in "
            "public space: confidentiality, security, dignity and anonymity, and "
            "the right to know who uses their data and why."
        ): (
            "Todas las personas mantienen el control de su información personal, "
            "en internet y en el espacio público: confidencialidad, seguridad, "
            "dignidad y anonimato, y el derecho a saber quién utiliza sus datos y "
            "con qué fin."
        ),
        (
            "Publish a data protection policy, collect only the data a service "
            "needs, secure what is kept, and give residents simple tools to see, "
            "correct and delete what the city holds about them."
        ): (
            "Publicar una política de protección de datos, recoger solo los datos "
            "que cada servicio necesita, proteger los que se conservan y ofrecer "
            "a los residentes herramientas sencillas para consultar, corregir y "
            "eliminar la información que la ciudad tiene sobre ellos."
        ),
        (
            "Transparency, accountability, and non-discrimination of data, "
            "content and algorithms"
        ): (
            "Transparencia, rendición de cuentas y no discriminación en los "
            "datos, los contenidos y los algoritmos"
        ),
        (
            "Everyone can find clear, accurate information about the "
            "technologies, algorithms and artificial intelligence that affect "
            "their lives, and can challenge and change systems that are unfair, "
            "biased or discriminatory."
        ): (
            "Todas las personas pueden encontrar información clara y precisa "
            "sobre las tecnologías, los algoritmos y la inteligencia artificial "
            "que afectan a su vida, y pueden cuestionar y cambiar los sistemas "
            "injustos, sesgados o discriminatorios."
        ),
        (
            "Keep a public register of the algorithms the city uses, explain each "
            "in plain language, audit them for bias, open the data behind city "
            "services, and give residents a way to object."
        ): (
            "Mantener un registro público de los algoritmos que utiliza la "
            "ciudad, explicar cada uno en un lenguaje claro, auditarlos para "
            "detectar sesgos, abrir los datos en los que se basan los servicios "
            "municipales y ofrecer a los residentes una vía para presentar "
            "objeciones."
        ),
        "Participatory democracy, diversity and inclusion": (
            "Democracia participativa, diversidad e inclusión"
        ),
        (
            "Everyone is represented online and can shape, with the city, the "
            "technologies made for them, through open and transparent "
            "participation, treating digital infrastructure and data as a common "
            "good."
        ): (
            "Todas las personas están representadas en internet y pueden dar "
            "forma, junto con la ciudad, a las tecnologías creadas para ellas, "
            "mediante una participación abierta y transparente que trate las "
            "infraestructuras digitales y los datos como un bien común."
        ),
        (
            "Offer accessible participation platforms, reach the people they "
            "miss, and measure who is online and who is not, so that decisions "
            "about technology include everyone they affect."
        ): (
            "Ofrecer plataformas de participación accesibles, llegar a las "
            "personas que quedan al margen de ellas y medir quién está conectado "
            "y quién no, para que las decisiones sobre tecnología incluyan a "
            "todas las personas a las que afectan."
        ),
        "Open and ethical digital service standards": (
            "Estándares abiertos y éticos para los servicios digitales"
        ),
        (
            "Everyone can use the technology of their choice and expect "
            "interoperable, inclusive services; cities set their own digital "
            "agenda through open and ethical standards and data."
        ): (
            "Todas las personas pueden utilizar la tecnología que elijan y "
            "esperar servicios interoperables e inclusivos; las ciudades definen "
            "su propia agenda digital mediante estándares y datos abiertos y "
            "éticos."
        ),
        (
            "Prefer open standards and open source, write ethical requirements "
            "into procurement, and keep control of the city's own infrastructure, "
            "services and data."
        ): (
            "Dar preferencia a los estándares abiertos y al código abierto, "
            "incluir requisitos éticos en la contratación pública y mantener el "
            "control de las infraestructuras, los servicios y los datos propios "
            "de la ciudad."
        ),
        "News": "Noticias",
        "What the coalition and its member cities are doing.": (
            "Lo que hacen la coalición y sus ciudades miembro."
        ),
        "Amsterdam, Barcelona and New York launch the coalition": (
            "Ámsterdam, Barcelona y Nueva York ponen en marcha la coalición"
        ),
        (
            "Three cities join forces to protect residents' and visitors' digital "
            "rights, around five shared principles."
        ): (
            "Tres ciudades unen fuerzas para proteger los derechos digitales de "
            "residentes y visitantes, en torno a cinco principios compartidos."
        ),
        (
            "The founding cities commit to share practical examples of their "
            "work, learn from each other and create common action programmes, "
            "with the support of UN-Habitat. It is the first time that cities "
            "have joined to protect digital rights at a global level."
        ): (
            "Las ciudades fundadoras se comprometen a compartir ejemplos "
            "prácticos de su trabajo, aprender unas de otras y crear programas de "
            "acción comunes, con el apoyo de ONU-Habitat. Es la primera vez que "
            "las ciudades se unen para proteger los derechos digitales a escala "
            "mundial."
        ),
        "A campaign for 100 cities in 100 days": (
            "Una campaña para sumar 100 ciudades en 100 días"
        ),
        (
            "UN-Habitat, OHCHR, UCLG and Eurocities join the founding cities to "
            "invite 100 more cities to sign the declaration."
        ): (
            "ONU-Habitat, el ACNUDH, CGLU y Eurocities se unen a las ciudades "
            "fundadoras para invitar a 100 ciudades más a firmar la declaración."
        ),
        (
            "The campaign starts with a first wave of cities on four continents, "
            "among them Athens, Chicago, Helsinki, London, Lyon, Milan, Tirana "
            "and Vienna. Six in ten people in the world are still not connected "
            "to the internet: the campaign asks cities to act for access as well "
            "as for rights online."
        ): (
            "La campaña comienza con una primera oleada de ciudades de cuatro "
            "continentes, entre ellas Atenas, Chicago, Helsinki, Londres, Lyon, "
            "Milán, Tirana y Viena. Seis de cada diez personas en el mundo aún no "
            "están conectadas a internet: la campaña pide a las ciudades que "
            "actúen tanto por el acceso como por los derechos en línea."
        ),
        "Toronto joins after a council decision": (
            "Toronto se adhiere tras una decisión del consejo municipal"
        ),
        (
            "Toronto's council voted to join in June 2019; the city signed the "
            "declaration in October."
        ): (
            "El consejo municipal de Toronto votó a favor de la adhesión en junio "
            "de 2019; la ciudad firmó la declaración en octubre."
        ),
        (
            "Joining the coalition takes a clear political commitment, such as a "
            "council motion, and evidence of the policies and projects a city "
            "already runs. Toronto's path shows how."
        ): (
            "Para adherirse a la coalición se necesita un compromiso político "
            "claro, como una moción del consejo municipal, y pruebas de las "
            "políticas y los proyectos que la ciudad ya lleva a cabo. El camino "
            "de Toronto muestra cómo hacerlo."
        ),
        "About the coalition": "Acerca de la coalición",
        (
            "Amsterdam, Barcelona and New York City launched the coalition in "
            "November 2018. It is now a network of more than fifty cities that "
            "help each other make policy based on digital rights."
        ): (
            "Ámsterdam, Barcelona y Nueva York pusieron en marcha la coalición en "
            "noviembre de 2018. Hoy es una red de más de cincuenta ciudades que "
            "se ayudan mutuamente a elaborar políticas basadas en los derechos "
            "digitales."
        ),
        "Why cities": "Por qué las ciudades",
        (
            "Cities are often the democratic institutions closest to the people "
            "they serve, and they meet the consequences of digital rights "
            "violations first. They can try new policies quickly, set rules for "
            "public space, and use their purchasing power to favour technology "
            "that respects rights."
        ): (
            "Las ciudades suelen ser las instituciones democráticas más cercanas "
            "a las personas a las que sirven, y son las primeras en afrontar las "
            "consecuencias de las vulneraciones de los derechos digitales. Pueden "
            "poner a prueba nuevas políticas con rapidez, fijar normas para el "
            "espacio público y utilizar su poder de compra para favorecer la "
            "tecnología que respeta los derechos."
        ),
        "How the coalition works": "Cómo funciona la coalición",
        (
            "Members apply expert knowledge to shared challenges, collect local "
            "cases to inform international policy, build toolkits of policies and "
            "technologies, and run working groups on topics such as artificial "
            "intelligence in public services, data sharing and digital inclusion."
        ): (
            "Los miembros aplican conocimiento experto a retos compartidos, "
            "recopilan casos locales para orientar las políticas internacionales, "
            "elaboran conjuntos de herramientas de políticas y tecnologías, y "
            "coordinan grupos de trabajo sobre temas como la inteligencia "
            "artificial en los servicios públicos, el intercambio de datos y la "
            "inclusión digital."
        ),
        "What we aim for": "Nuestros objetivos",
        (
            "Better policies, laws and strategies for open and ethical digital "
            "services, in cities and worldwide."
        ): (
            "Mejores políticas, leyes y estrategias para unos servicios digitales "
            "abiertos y éticos, en las ciudades y en todo el mundo."
        ),
        "Affordable, accessible internet for all, with the skills to use it.": (
            "Un internet asequible y accesible para todo el mundo, con las "
            "competencias necesarias para utilizarlo."
        ),
        "More control for people over their personal information.": (
            "Más control de las personas sobre su información personal."
        ),
        (
            "Understanding of the algorithms that affect people, and the power to "
            "challenge unfair ones."
        ): (
            "Comprensión de los algoritmos que afectan a las personas y capacidad "
            "para impugnar los que son injustos."
        ),
        (
            "Open, participatory ways for residents to shape the technology "
            "designed for them."
        ): (
            "Vías abiertas y participativas para que los residentes den forma a "
            "la tecnología diseñada para ellos."
        ),
        "Join us": "Únase a nosotros",
        (
            "Cities that want to sign the declaration start with the checklist of "
            "digital rights actions, then apply. Organisations that promote "
            "digital rights are welcome to work with the coalition."
        ): (
            "Las ciudades que deseen firmar la declaración empiezan por la lista "
            "de comprobación de acciones en materia de derechos digitales y, "
            "después, presentan su solicitud. Las organizaciones que promueven "
            "los derechos digitales están invitadas a colaborar con la coalición."
        ),
        "Partners": "Socios",
        (
            "The coalition works with international organisations, city networks "
            "and civil society groups that share its aims."
        ): (
            "La coalición colabora con organizaciones internacionales, redes de "
            "ciudades y grupos de la sociedad civil que comparten sus objetivos."
        ),
        "UN-Habitat": "ONU-Habitat",
        (
            "The United Nations Human Settlements Programme supported the "
            "coalition from its launch and, with it, developed a digital rights "
            "governance framework for cities."
        ): (
            "El Programa de las Naciones Unidas para los Asentamientos Humanos "
            "apoyó a la coalición desde su lanzamiento y, junto con ella, elaboró "
            "un marco de gobernanza de los derechos digitales para las ciudades."
        ),
        "UN Human Rights Office (OHCHR)": (
            "Oficina de Derechos Humanos de la ONU (ACNUDH)"
        ),
        (
            "The Office of the High Commissioner for Human Rights partners with "
            "the coalition to ground city policies in human rights."
        ): (
            "La Oficina del Alto Comisionado para los Derechos Humanos colabora "
            "con la coalición para que las políticas municipales se basen en los "
            "derechos humanos."
        ),
        "United Cities and Local Governments (UCLG)": (
            "Ciudades y Gobiernos Locales Unidos (CGLU)"
        ),
        (
            "The world organisation of local and regional governments, a founding "
            "partner of the campaign to grow the coalition."
        ): (
            "La organización mundial de los gobiernos locales y regionales, socia "
            "fundadora de la campaña para ampliar la coalición."
        ),
        (
            "The network of large European cities, which furthers residents' "
            "digital rights among its members."
        ): (
            "La red de grandes ciudades europeas, que impulsa los derechos "
            "digitales de la ciudadanía entre sus miembros."
        ),
        (
            "A network of cities that promotes open standards and encourages its "
            "members to endorse the declaration."
        ): (
            "Una red de ciudades que promueve los estándares abiertos y anima a "
            "sus miembros a suscribir la declaración."
        ),
        "Internet Rights and Principles Coalition": (
            "Coalición por los Derechos y Principios de Internet"
        ),
        (
            "The coalition at the UN Internet Governance Forum whose Charter of "
            "Human Rights and Principles for the Internet inspired the "
            "declaration."
        ): (
            "La coalición del Foro para la Gobernanza de Internet de la ONU cuya "
            "Carta de Derechos Humanos y Principios para Internet inspiró la "
            "declaración."
        ),
        (
            "A non-profit working for an open and accessible internet, which "
            "supported the coalition's first campaign."
        ): (
            "Una organización sin ánimo de lucro que trabaja por un internet "
            "abierto y accesible y que apoyó la primera campaña de la coalición."
        ),
        "Working groups": "Grupos de trabajo",
        (
            "Member cities work together in groups on the topics that matter most "
            "to them, and report on progress principle by principle."
        ): (
            "Las ciudades miembro trabajan conjuntamente en grupos sobre los "
            "temas que más les importan e informan de sus avances principio por "
            "principio."
        ),
        "Transparency and participation": "Transparencia y participación",
        (
            "Amsterdam and Barcelona lead the cities that open up how decisions are "
            "made, from algorithm registers to platforms where residents propose and "
            "vote."
        ): (
            "Ámsterdam y Barcelona lideran a las ciudades que abren la forma en que se"
            " toman las decisiones, desde los registros de algoritmos hasta las "
            "plataformas donde la ciudadanía propone y vota."
        ),
        "Proactive public services": "Servicios públicos proactivos",
        (
            "Helsinki and Porto lead the work on services that reach residents before "
            "they have to ask, using only the data the city may share."
        ): (
            "Helsinki y Oporto lideran el trabajo sobre servicios que llegan a los "
            "residentes antes de que tengan que pedirlos, con solo los datos que la "
            "ciudad puede compartir."
        ),
        "Ethical technology and artificial intelligence": (
            "Tecnología ética e inteligencia artificial"
        ),
        (
            "New York City and Toronto lead the cities that check the algorithms and "
            "artificial intelligence they use for bias, and explain them to residents."
        ): (
            "Nueva York y Toronto lideran a las ciudades que revisan los sesgos de los"
            " algoritmos y de la inteligencia artificial que utilizan, y los explican "
            "a sus residentes."
        ),
        "Digital inclusion": "Inclusión digital",
        (
            "London and Portland lead the work on connections, devices and skills for "
            "the residents who are still offline."
        ): (
            "Londres y Portland lideran el trabajo sobre conexiones, dispositivos y "
            "competencias para los residentes que aún no están conectados."
        ),
        "Empowering residents": "Empoderamiento de la ciudadanía",
        (
            "Vienna and Dublin lead the cities that give residents the skills and the "
            "tools to take part in their digital city."
        ): (
            "Viena y Dublín lideran a las ciudades que dan a sus residentes las "
            "competencias y las herramientas para participar en su ciudad digital."
        ),
        "The global agenda": "La agenda global",
        (
            "Bordeaux and Maceió lead the cities that carry the coalition's experience"
            " to international bodies and other city networks."
        ): (
            "Burdeos y Maceió lideran a las ciudades que llevan la experiencia de la "
            "coalición a los organismos internacionales y a otras redes de ciudades."
        ),
        (
            "One of the coalition's missions for 2023 to 2033, each led by two member "
            "cities."
        ): (
            "Una de las misiones de la coalición para 2023-2033, cada una liderada por"
            " dos ciudades miembro."
        ),
        "Working session": "Sesión de trabajo",
        "Online call": "Llamada en línea",
        "A day to compare approaches and agree the next steps.": (
            "Una jornada para comparar enfoques y acordar los próximos pasos."
        ),
        "Privacy": "Privacidad",
        (
            "This site practises the principles it promotes: it collects as "
            "little as it can, and tells you exactly what and why."
        ): (
            "Este sitio web aplica los principios que promueve: recoge los "
            "mínimos datos posibles y le explica exactamente cuáles y por qué."
        ),
        "What we keep": "Qué datos conservamos",
        (
            "Reading the site needs no account and sets no cookie. We load "
            "nothing from other websites: no trackers, no analytics, no "
            "third-party fonts or scripts. Staff who edit the site have an "
            "account; a session cookie keeps them signed in and is deleted when "
            "they sign out or after two weeks."
        ): (
            "Para leer el sitio web no se necesita ninguna cuenta ni se instala "
            "ninguna cookie. No cargamos nada de otros sitios web: ni "
            "rastreadores, ni herramientas de analítica, ni fuentes o scripts de "
            "terceros. El personal que edita el sitio dispone de una cuenta; una "
            "cookie de sesión mantiene la sesión abierta y se elimina al cerrarla "
            "o al cabo de dos semanas."
        ),
        "Your rights": "Sus derechos",
        (
            "You can ask for a copy of any personal data we hold about you, or "
            "for its erasure. Features that need your data say why beside each "
            "field, keep it only as long as stated, and let you export or erase "
            "it yourself."
        ): (
            "Puede solicitar una copia de cualquier dato personal que tengamos "
            "sobre usted, o su supresión. Las funciones que necesitan sus datos "
            "explican el motivo junto a cada campo, los conservan solo durante el "
            "plazo indicado y le permiten exportarlos o suprimirlos por su "
            "cuenta."
        ),
        # The campaigns (digitalrights/campaigns).
        "Campaigns": "Campañas",
        (
            "Drives that bring more cities into the coalition, each with a target and a"
            " deadline. Progress counts the cities that joined in time."
        ): (
            "Iniciativas para sumar más ciudades a la coalición, cada una con un "
            "objetivo y un plazo. El progreso cuenta las ciudades que se adhirieron a "
            "tiempo."
        ),
        "100 cities in 100 days": "100 ciudades en 100 días",
        (
            "The coalition's first campaign: from March 2019, it asked 100 more cities "
            "to sign the declaration within 100 days."
        ): (
            "La primera campaña de la coalición: desde marzo de 2019, pidió a 100 "
            "ciudades más que firmaran la declaración en 100 días."
        ),
        (
            "UN-Habitat, the UN Human Rights Office, United Cities and Local "
            "Governments and Eurocities launched the campaign on 28 March 2019 with the"
            " three founding cities, Amsterdam, Barcelona and New York City."
        ): (
            "ONU-Habitat, la Oficina de Derechos Humanos de la ONU, Ciudades y "
            "Gobiernos Locales Unidos y Eurocities lanzaron la campaña el 28 de marzo "
            "de 2019 junto con las tres ciudades fundadoras: Ámsterdam, Barcelona y "
            "Nueva York."
        ),
        (
            "A first wave of cities signed the declaration as it began. The campaign "
            "linked rights online with access itself: at the time, six in ten people in"
            " the world were not connected to the internet."
        ): (
            "Una primera oleada de ciudades firmó la declaración en cuanto comenzó. La "
            "campaña vinculó los derechos en internet con el propio acceso: entonces, "
            "seis de cada diez personas en el mundo no estaban conectadas a internet."
        ),
        # The checklist (digitalrights/membership).
        "Checklist of digital rights actions": (
            "Lista de comprobación de acciones en materia de derechos digitales"
        ),
        (
            "Before a city applies to join, it reviews where it stands on these "
            "actions. No city needs all of them in place: the application asks, "
            "for each one, whether it is in place, planned or not yet, with "
            "evidence."
        ): (
            "Antes de solicitar la adhesión, cada ciudad revisa en qué punto se "
            "encuentra respecto a estas acciones. Ninguna ciudad necesita tenerlas "
            "todas implantadas: en la solicitud se pregunta, para cada una, si "
            "está implantada, prevista o todavía no, y se pide la justificación "
            "correspondiente."
        ),
        "A commitment to broadband for every household": (
            "Un compromiso con la banda ancha para todos los hogares"
        ),
        (
            "Nobody can use their rights online without a fast, affordable "
            "connection at home."
        ): (
            "Nadie puede ejercer sus derechos en internet sin una conexión rápida "
            "y asequible en casa."
        ),
        (
            "A published plan or council decision with a date, and a map of who is "
            "not yet connected."
        ): (
            "Un plan publicado o una decisión del consejo municipal con fecha, y "
            "un mapa de quién no tiene conexión todavía."
        ),
        "Digital skills courses open to every resident": (
            "Cursos de competencias digitales abiertos a todos los residentes"
        ),
        (
            "Access without skills leaves people out: older residents, newcomers "
            "and people on low incomes first."
        ): (
            "El acceso sin competencias deja a personas al margen, empezando por "
            "las personas mayores, los recién llegados y quienes tienen ingresos "
            "bajos."
        ),
        (
            "Free courses in libraries or community centres, in the languages "
            "residents speak."
        ): (
            "Cursos gratuitos en bibliotecas o centros cívicos, en las lenguas que "
            "hablan los residentes."
        ),
        "Public campaigns on rights online": (
            "Campañas públicas sobre los derechos en internet"
        ),
        "Residents defend rights they know they have.": (
            "Los residentes defienden los derechos que saben que tienen."
        ),
        "A campaign, a week of events or a guide published in the last two years.": (
            "Una campaña, una semana de actividades o una guía publicada en los "
            "dos últimos años."
        ),
        "A published data protection policy": (
            "Una política de protección de datos publicada"
        ),
        (
            "Residents should be able to read what the city does with their data "
            "and why."
        ): (
            "Los residentes deben poder leer qué hace la ciudad con sus datos y "
            "por qué."
        ),
        "The policy's address, and who in the city answers for it.": (
            "La dirección web de la política y quién responde de ella en la ciudad."
        ),
        "A data protection office with the power to act": (
            "Una oficina de protección de datos con capacidad de actuar"
        ),
        "Rules need someone who can stop a project that breaks them.": (
            "Las normas necesitan a alguien que pueda detener un proyecto que las "
            "incumpla."
        ),
        "The office's mandate, and a case where it changed a project.": (
            "El mandato de la oficina y un caso en el que haya hecho cambiar un "
            "proyecto."
        ),
        "Tools that help residents protect themselves": (
            "Herramientas que ayudan a los residentes a protegerse"
        ),
        (
            "Privacy is also a matter of everyday practice: passwords, devices, "
            "messaging."
        ): (
            "La privacidad también es una cuestión de práctica cotidiana: "
            "contraseñas, dispositivos, mensajería."
        ),
        "Workshops, guides or a help desk, and how many people used them.": (
            "Talleres, guías o un servicio de ayuda, y cuántas personas los han "
            "utilizado."
        ),
        "A public register of the algorithms the city uses": (
            "Un registro público de los algoritmos que utiliza la ciudad"
        ),
        (
            "People affected by an automated decision have a right to know it "
            "exists and how it works."
        ): (
            "Las personas afectadas por una decisión automatizada tienen derecho a "
            "saber que existe y cómo funciona."
        ),
        (
            "The register's address, with at least the systems that decide on "
            "benefits, permits or policing."
        ): (
            "La dirección web del registro, que incluya al menos los sistemas que "
            "deciden sobre prestaciones, licencias o actuaciones policiales."
        ),
        "An open data portal": "Un portal de datos abiertos",
        "Data the city holds on behalf of residents should come back to them.": (
            "Los datos que la ciudad custodia en nombre de los residentes deben "
            "revertir en ellos."
        ),
        "The portal's address, its licence and how often it is updated.": (
            "La dirección web del portal, su licencia y con qué frecuencia se "
            "actualiza."
        ),
        "A way to question an automated decision": (
            "Una vía para impugnar una decisión automatizada"
        ),
        "Transparency means little without a person who answers and can correct.": (
            "La transparencia sirve de poco sin una persona que responda y pueda "
            "corregir."
        ),
        "Where a resident objects, and how long the city takes to reply.": (
            "Dónde presenta un residente su objeción y en qué plazo responde la ciudad."
        ),
        "An online platform for residents' proposals and votes": (
            "Una plataforma en línea para las propuestas y votaciones de los residentes"
        ),
        "Digital tools can widen who takes part in decisions, not only who watches.": (
            "Las herramientas digitales pueden ampliar el círculo de quienes "
            "participan en las decisiones, no solo el de quienes las observan."
        ),
        "The platform, its source licence, and a decision it shaped.": (
            "La plataforma, la licencia de su código fuente y una decisión en la "
            "que haya influido."
        ),
        "A survey of who is online and who is not": (
            "Una encuesta sobre quién está conectado y quién no"
        ),
        "A city cannot include people it does not count.": (
            "Una ciudad no puede incluir a las personas que no cuenta."
        ),
        (
            "A survey or study from the last three years, broken down by age, "
            "income and neighbourhood."
        ): (
            "Una encuesta o un estudio de los tres últimos años, desglosado por "
            "edad, ingresos y barrio."
        ),
        "Accessible digital services": "Servicios digitales accesibles",
        "Services that a screen reader cannot use shut residents out.": (
            "Los servicios que no se pueden utilizar con un lector de pantalla "
            "dejan fuera a parte de los residentes."
        ),
        (
            "An accessibility statement and the standard the services meet (for "
            "example WCAG 2.2 AA)."
        ): (
            "Una declaración de accesibilidad y la norma que cumplen los servicios "
            "(por ejemplo, WCAG 2.2 AA)."
        ),
        "Ethical standards written into technology contracts": (
            "Estándares éticos incorporados a los contratos de tecnología"
        ),
        "What the city buys decides what its residents live with.": (
            "Lo que compra la ciudad determina el día a día de sus residentes."
        ),
        "Procurement clauses on data ownership, privacy and open standards.": (
            "Cláusulas de contratación pública sobre la propiedad de los datos, la "
            "privacidad y los estándares abiertos."
        ),
        "Open source and open standards by default": (
            "Código abierto y estándares abiertos por defecto"
        ),
        "Public money should build public code that other cities can reuse.": (
            "El dinero público debe crear código público que otras ciudades puedan "
            "reutilizar."
        ),
        "A policy, and the code the city has published.": (
            "Una política y el código que ha publicado la ciudad."
        ),
        "Security reviews before a service goes live": (
            "Revisiones de seguridad antes de poner en marcha un servicio"
        ),
        "A service that leaks data breaks every promise made about it.": (
            "Un servicio que filtra datos incumple todas las promesas que se "
            "hicieron sobre él."
        ),
        "Who reviews, what they check, and how incidents are reported.": (
            "Quién hace la revisión, qué se comprueba y cómo se notifican los "
            "incidentes."
        ),
    },
    "ca": {
        "Cities for Digital Rights": "Ciutats pels Drets Digitals",
        "Digital rights are human rights, in every city": (
            "Els drets digitals són drets humans, a totes les ciutats"
        ),
        (
            "A coalition of cities that protect and promote the rights of "
            "residents and visitors online, working from five shared principles. "
            "Read the declaration, see what member cities are doing, and ask your "
            "own city to join."
        ): (
            "Una coalició de ciutats que protegeixen i promouen els drets de "
            "residents i visitants a internet, a partir de cinc principis "
            "compartits. Llegiu la declaració, descobriu què fan les ciutats "
            "membres i demaneu a la vostra ciutat que s'hi adhereixi."
        ),
        "The declaration": "La declaració",
        (
            "By signing this declaration, cities form the Cities Coalition for "
            "Digital Rights to protect and uphold human rights on the internet, "
            "locally and globally."
        ): (
            "Amb la signatura d'aquesta declaració, les ciutats constitueixen la "
            "Coalició de Ciutats pels Drets Digitals per protegir i defensar els "
            "drets humans a internet, en l'àmbit local i global."
        ),
        (
            "The internet is part of daily life, and so are its harms: speech "
            "censored, personal data watched, shared and sold without consent, "
            "opaque algorithms making decisions no one answers for, harassment, "
            "and public debate undermined. Cities are the democratic institutions "
            "closest to people. They commit to remove the obstacles that keep "
            "residents from the benefits of technology, to offer digital services "
            "people can trust, and to build rights such as privacy, free "
            "expression and democracy into the platforms they run."
        ): (
            "Internet forma part de la vida quotidiana, i els seus perjudicis "
            "també: la censura de la lliure expressió, la vigilància, la cessió i "
            "la venda de dades personals sense consentiment, algoritmes opacs que "
            "prenen decisions de les quals ningú no ret comptes, l'assetjament i "
            "el deteriorament del debat públic. Les ciutats són les institucions "
            "democràtiques més properes a les persones. Es comprometen a eliminar "
            "els obstacles que impedeixen als seus residents beneficiar-se de la "
            "tecnologia, a oferir serveis digitals en què les persones puguin "
            "confiar i a incorporar drets com la privadesa, la llibertat "
            "d'expressió i la democràcia a les plataformes que gestionen."
        ),
        (
            "With the support of UN-Habitat, and inspired by the Charter of Human "
            "Rights and Principles for the Internet, member cities share what "
            "works, learn from each other and act together on five principles, "
            "which will evolve as the coalition does."
        ): (
            "Amb el suport d'ONU-Hàbitat, i inspirades per la Carta de Drets "
            "Humans i Principis per a Internet, les ciutats membres comparteixen "
            "allò que funciona, aprenen les unes de les altres i actuen "
            "conjuntament a partir de cinc principis, que evolucionaran a mesura "
            "que ho faci la coalició."
        ),
        "Universal and equal access to the internet, and digital literacy": (
            "Accés universal i igualitari a internet i alfabetització digital"
        ),
        (
            "Everyone can get online at a price they can afford, on equal terms, "
            "and has the skills to use that access and cross the digital divide."
        ): (
            "Totes les persones poden connectar-se a internet a un preu "
            "assequible i en igualtat de condicions, i tenen les competències "
            "necessàries per aprofitar aquest accés i superar la bretxa digital."
        ),
        "What this asks of a city": "Què s'espera d'una ciutat",
        (
            "Commit to broadband for every neighbourhood, free public connections "
            "where people need them, and digital skills programmes in libraries, "
            "schools and community centres, designed with the residents who are "
            "offline today."
        ): (
            "Comprometre's amb la banda ampla a tots els barris, connexions "
            "públiques gratuïtes allà on la gent les necessiti i programes de "
            "competències digitals a biblioteques, escoles i centres cívics, "
            "dissenyats juntament amb els residents que avui no tenen connexió."
        ),
        "Privacy, data protection and security": (
            "Privadesa, protecció de dades i seguretat"
        ),
        (
            "Everyone keeps control of their personal information, online and in "
            "public space: confidentiality, security, dignity and anonymity, and "
            "the right to know who uses their data and why."
        ): (
            "Totes les persones mantenen el control de la seva informació "
            "personal, a internet i a l'espai públic: confidencialitat, "
            "seguretat, dignitat i anonimat, i el dret de saber qui fa servir les "
            "seves dades i per a què."
        ),
        (
            "Publish a data protection policy, collect only the data a service "
            "needs, secure what is kept, and give residents simple tools to see, "
            "correct and delete what the city holds about them."
        ): (
            "Publicar una política de protecció de dades, recollir només les "
            "dades que cada servei necessita, protegir les que es conserven i "
            "oferir als residents eines senzilles per consultar, corregir i "
            "suprimir la informació que la ciutat té sobre ells."
        ),
        (
            "Transparency, accountability, and non-discrimination of data, "
            "content and algorithms"
        ): (
            "Transparència, rendició de comptes i no-discriminació en les dades, "
            "els continguts i els algoritmes"
        ),
        (
            "Everyone can find clear, accurate information about the "
            "technologies, algorithms and artificial intelligence that affect "
            "their lives, and can challenge and change systems that are unfair, "
            "biased or discriminatory."
        ): (
            "Totes les persones poden trobar informació clara i precisa sobre les "
            "tecnologies, els algoritmes i la intel·ligència artificial que "
            "afecten la seva vida, i poden qüestionar i canviar els sistemes "
            "injustos, esbiaixats o discriminatoris."
        ),
        (
            "Keep a public register of the algorithms the city uses, explain each "
            "in plain language, audit them for bias, open the data behind city "
            "services, and give residents a way to object."
        ): (
            "Mantenir un registre públic dels algoritmes que fa servir la ciutat, "
            "explicar cadascun en un llenguatge planer, auditar-los per detectar "
            "biaixos, obrir les dades en què es basen els serveis municipals i "
            "oferir als residents una via per presentar-hi objeccions."
        ),
        "Participatory democracy, diversity and inclusion": (
            "Democràcia participativa, diversitat i inclusió"
        ),
        (
            "Everyone is represented online and can shape, with the city, the "
            "technologies made for them, through open and transparent "
            "participation, treating digital infrastructure and data as a common "
            "good."
        ): (
            "Totes les persones estan representades a internet i poden donar "
            "forma, juntament amb la ciutat, a les tecnologies creades per a "
            "elles, mitjançant una participació oberta i transparent que tracti "
            "les infraestructures digitals i les dades com un bé comú."
        ),
        (
            "Offer accessible participation platforms, reach the people they "
            "miss, and measure who is online and who is not, so that decisions "
            "about technology include everyone they affect."
        ): (
            "Oferir plataformes de participació accessibles, arribar a les "
            "persones que en queden al marge i mesurar qui té connexió i qui no, "
            "perquè les decisions sobre tecnologia incloguin totes les persones a "
            "qui afecten."
        ),
        "Open and ethical digital service standards": (
            "Estàndards oberts i ètics per als serveis digitals"
        ),
        (
            "Everyone can use the technology of their choice and expect "
            "interoperable, inclusive services; cities set their own digital "
            "agenda through open and ethical standards and data."
        ): (
            "Totes les persones poden fer servir la tecnologia que triïn i "
            "esperar serveis interoperables i inclusius; les ciutats defineixen "
            "la seva pròpia agenda digital mitjançant estàndards i dades oberts i "
            "ètics."
        ),
        (
            "Prefer open standards and open source, write ethical requirements "
            "into procurement, and keep control of the city's own infrastructure, "
            "services and data."
        ): (
            "Donar preferència als estàndards oberts i al codi obert, incloure "
            "requisits ètics en la contractació pública i mantenir el control de "
            "les infraestructures, els serveis i les dades pròpies de la ciutat."
        ),
        "News": "Notícies",
        "What the coalition and its member cities are doing.": (
            "El que fan la coalició i les seves ciutats membres."
        ),
        "Amsterdam, Barcelona and New York launch the coalition": (
            "Amsterdam, Barcelona i Nova York posen en marxa la coalició"
        ),
        (
            "Three cities join forces to protect residents' and visitors' digital "
            "rights, around five shared principles."
        ): (
            "Tres ciutats uneixen forces per protegir els drets digitals de "
            "residents i visitants, al voltant de cinc principis compartits."
        ),
        (
            "The founding cities commit to share practical examples of their "
            "work, learn from each other and create common action programmes, "
            "with the support of UN-Habitat. It is the first time that cities "
            "have joined to protect digital rights at a global level."
        ): (
            "Les ciutats fundadores es comprometen a compartir exemples pràctics "
            "de la seva feina, aprendre les unes de les altres i crear programes "
            "d'acció comuns, amb el suport d'ONU-Hàbitat. És la primera vegada "
            "que les ciutats s'uneixen per protegir els drets digitals a escala "
            "mundial."
        ),
        "A campaign for 100 cities in 100 days": (
            "Una campanya per sumar 100 ciutats en 100 dies"
        ),
        (
            "UN-Habitat, OHCHR, UCLG and Eurocities join the founding cities to "
            "invite 100 more cities to sign the declaration."
        ): (
            "ONU-Hàbitat, l'ACNUDH, CGLU i Eurocities s'uneixen a les ciutats "
            "fundadores per convidar 100 ciutats més a signar la declaració."
        ),
        (
            "The campaign starts with a first wave of cities on four continents, "
            "among them Athens, Chicago, Helsinki, London, Lyon, Milan, Tirana "
            "and Vienna. Six in ten people in the world are still not connected "
            "to the internet: the campaign asks cities to act for access as well "
            "as for rights online."
        ): (
            "La campanya comença amb una primera onada de ciutats de quatre "
            "continents, entre les quals Atenes, Chicago, Hèlsinki, Londres, Lió, "
            "Milà, Tirana i Viena. Sis de cada deu persones al món encara no "
            "estan connectades a internet: la campanya demana a les ciutats que "
            "actuïn tant per l'accés com pels drets en línia."
        ),
        "Toronto joins after a council decision": (
            "Toronto s'adhereix després d'una decisió del consell municipal"
        ),
        (
            "Toronto's council voted to join in June 2019; the city signed the "
            "declaration in October."
        ): (
            "El consell municipal de Toronto va votar a favor de l'adhesió el "
            "juny de 2019; la ciutat va signar la declaració a l'octubre."
        ),
        (
            "Joining the coalition takes a clear political commitment, such as a "
            "council motion, and evidence of the policies and projects a city "
            "already runs. Toronto's path shows how."
        ): (
            "Per adherir-se a la coalició cal un compromís polític clar, com ara "
            "una moció del consell municipal, i evidències de les polítiques i "
            "els projectes que la ciutat ja duu a terme. El camí de Toronto "
            "mostra com fer-ho."
        ),
        "About the coalition": "Sobre la coalició",
        (
            "Amsterdam, Barcelona and New York City launched the coalition in "
            "November 2018. It is now a network of more than fifty cities that "
            "help each other make policy based on digital rights."
        ): (
            "Amsterdam, Barcelona i Nova York van posar en marxa la coalició el "
            "novembre de 2018. Avui és una xarxa de més de cinquanta ciutats que "
            "s'ajuden mútuament a elaborar polítiques basades en els drets "
            "digitals."
        ),
        "Why cities": "Per què les ciutats",
        (
            "Cities are often the democratic institutions closest to the people "
            "they serve, and they meet the consequences of digital rights "
            "violations first. They can try new policies quickly, set rules for "
            "public space, and use their purchasing power to favour technology "
            "that respects rights."
        ): (
            "Les ciutats solen ser les institucions democràtiques més properes a "
            "les persones a qui serveixen, i són les primeres a afrontar les "
            "conseqüències de les vulneracions dels drets digitals. Poden assajar "
            "noves polítiques amb rapidesa, establir normes per a l'espai públic "
            "i fer servir el seu poder de compra per afavorir la tecnologia que "
            "respecta els drets."
        ),
        "How the coalition works": "Com funciona la coalició",
        (
            "Members apply expert knowledge to shared challenges, collect local "
            "cases to inform international policy, build toolkits of policies and "
            "technologies, and run working groups on topics such as artificial "
            "intelligence in public services, data sharing and digital inclusion."
        ): (
            "Els membres apliquen coneixement expert a reptes compartits, "
            "recullen casos locals per orientar les polítiques internacionals, "
            "elaboren conjunts d'eines de polítiques i tecnologies, i coordinen "
            "grups de treball sobre temes com la intel·ligència artificial en els "
            "serveis públics, l'intercanvi de dades i la inclusió digital."
        ),
        "What we aim for": "Els nostres objectius",
        (
            "Better policies, laws and strategies for open and ethical digital "
            "services, in cities and worldwide."
        ): (
            "Millors polítiques, lleis i estratègies per a uns serveis digitals "
            "oberts i ètics, a les ciutats i a tot el món."
        ),
        "Affordable, accessible internet for all, with the skills to use it.": (
            "Un internet assequible i accessible per a tothom, amb les "
            "competències necessàries per fer-lo servir."
        ),
        "More control for people over their personal information.": (
            "Més control de les persones sobre la seva informació personal."
        ),
        (
            "Understanding of the algorithms that affect people, and the power to "
            "challenge unfair ones."
        ): (
            "Comprensió dels algoritmes que afecten les persones i capacitat per "
            "impugnar els que són injustos."
        ),
        (
            "Open, participatory ways for residents to shape the technology "
            "designed for them."
        ): (
            "Vies obertes i participatives perquè els residents donin forma a la "
            "tecnologia dissenyada per a ells."
        ),
        "Join us": "Uniu-vos a nosaltres",
        (
            "Cities that want to sign the declaration start with the checklist of "
            "digital rights actions, then apply. Organisations that promote "
            "digital rights are welcome to work with the coalition."
        ): (
            "Les ciutats que vulguin signar la declaració comencen per la llista "
            "de comprovació d'accions en matèria de drets digitals i, després, "
            "presenten la sol·licitud. Les organitzacions que promouen els drets "
            "digitals estan convidades a col·laborar amb la coalició."
        ),
        "Partners": "Socis",
        (
            "The coalition works with international organisations, city networks "
            "and civil society groups that share its aims."
        ): (
            "La coalició col·labora amb organitzacions internacionals, xarxes de "
            "ciutats i grups de la societat civil que en comparteixen els "
            "objectius."
        ),
        "UN-Habitat": "ONU-Hàbitat",
        (
            "The United Nations Human Settlements Programme supported the "
            "coalition from its launch and, with it, developed a digital rights "
            "governance framework for cities."
        ): (
            "El Programa de les Nacions Unides per als Assentaments Humans va "
            "donar suport a la coalició des del seu llançament i, juntament amb "
            "ella, va elaborar un marc de governança dels drets digitals per a "
            "les ciutats."
        ),
        "UN Human Rights Office (OHCHR)": "Oficina de Drets Humans de l'ONU (ACNUDH)",
        (
            "The Office of the High Commissioner for Human Rights partners with "
            "the coalition to ground city policies in human rights."
        ): (
            "L'Oficina de l'Alt Comissionat per als Drets Humans col·labora amb "
            "la coalició perquè les polítiques municipals es fonamentin en els "
            "drets humans."
        ),
        "United Cities and Local Governments (UCLG)": (
            "Ciutats i Governs Locals Units (CGLU)"
        ),
        (
            "The world organisation of local and regional governments, a founding "
            "partner of the campaign to grow the coalition."
        ): (
            "L'organització mundial dels governs locals i regionals, sòcia "
            "fundadora de la campanya per ampliar la coalició."
        ),
        (
            "The network of large European cities, which furthers residents' "
            "digital rights among its members."
        ): (
            "La xarxa de grans ciutats europees, que impulsa els drets digitals "
            "de la ciutadania entre els seus membres."
        ),
        (
            "A network of cities that promotes open standards and encourages its "
            "members to endorse the declaration."
        ): (
            "Una xarxa de ciutats que promou els estàndards oberts i anima els "
            "seus membres a subscriure la declaració."
        ),
        "Internet Rights and Principles Coalition": (
            "Coalició pels Drets i Principis d'Internet"
        ),
        (
            "The coalition at the UN Internet Governance Forum whose Charter of "
            "Human Rights and Principles for the Internet inspired the "
            "declaration."
        ): (
            "La coalició del Fòrum per a la Governança d'Internet de l'ONU que va "
            "elaborar la Carta de Drets Humans i Principis per a Internet, en què "
            "s'inspira la declaració."
        ),
        (
            "A non-profit working for an open and accessible internet, which "
            "supported the coalition's first campaign."
        ): (
            "Una organització sense ànim de lucre que treballa per un internet "
            "obert i accessible i que va donar suport a la primera campanya de la "
            "coalició."
        ),
        "Working groups": "Grups de treball",
        (
            "Member cities work together in groups on the topics that matter most "
            "to them, and report on progress principle by principle."
        ): (
            "Les ciutats membres treballen conjuntament en grups sobre els temes "
            "que més els importen i informen dels seus avenços principi per "
            "principi."
        ),
        "Transparency and participation": "Transparència i participació",
        (
            "Amsterdam and Barcelona lead the cities that open up how decisions are "
            "made, from algorithm registers to platforms where residents propose and "
            "vote."
        ): (
            "Amsterdam i Barcelona lideren les ciutats que obren la manera com es "
            "prenen les decisions, des dels registres d'algorismes fins a les "
            "plataformes on la ciutadania proposa i vota."
        ),
        "Proactive public services": "Serveis públics proactius",
        (
            "Helsinki and Porto lead the work on services that reach residents before "
            "they have to ask, using only the data the city may share."
        ): (
            "Hèlsinki i Porto lideren la feina sobre serveis que arriben als residents"
            " abans que els hagin de demanar, amb només les dades que la ciutat pot "
            "compartir."
        ),
        "Ethical technology and artificial intelligence": (
            "Tecnologia ètica i intel·ligència artificial"
        ),
        (
            "New York City and Toronto lead the cities that check the algorithms and "
            "artificial intelligence they use for bias, and explain them to residents."
        ): (
            "Nova York i Toronto lideren les ciutats que revisen els biaixos dels "
            "algorismes i de la intel·ligència artificial que fan servir, i els "
            "expliquen als seus residents."
        ),
        "Digital inclusion": "Inclusió digital",
        (
            "London and Portland lead the work on connections, devices and skills for "
            "the residents who are still offline."
        ): (
            "Londres i Portland lideren la feina sobre connexions, dispositius i "
            "competències per als residents que encara no estan connectats."
        ),
        "Empowering residents": "Apoderament de la ciutadania",
        (
            "Vienna and Dublin lead the cities that give residents the skills and the "
            "tools to take part in their digital city."
        ): (
            "Viena i Dublín lideren les ciutats que donen als residents les "
            "competències i les eines per participar en la seva ciutat digital."
        ),
        "The global agenda": "L'agenda global",
        (
            "Bordeaux and Maceió lead the cities that carry the coalition's experience"
            " to international bodies and other city networks."
        ): (
            "Bordeus i Maceió lideren les ciutats que porten l'experiència de la "
            "coalició als organismes internacionals i a altres xarxes de ciutats."
        ),
        (
            "One of the coalition's missions for 2023 to 2033, each led by two member "
            "cities."
        ): (
            "Una de les missions de la coalició per al període 2023-2033, cadascuna "
            "liderada per dues ciutats membres."
        ),
        "Working session": "Sessió de treball",
        "Online call": "Trucada en línia",
        "A day to compare approaches and agree the next steps.": (
            "Una jornada per comparar enfocaments i acordar els passos següents."
        ),
        "Privacy": "Privadesa",
        (
            "This site practises the principles it promotes: it collects as "
            "little as it can, and tells you exactly what and why."
        ): (
            "Aquest lloc web aplica els principis que promou: recull les mínimes "
            "dades possibles i us explica exactament quines i per què."
        ),
        "What we keep": "Quines dades conservem",
        (
            "Reading the site needs no account and sets no cookie. We load "
            "nothing from other websites: no trackers, no analytics, no "
            "third-party fonts or scripts. Staff who edit the site have an "
            "account; a session cookie keeps them signed in and is deleted when "
            "they sign out or after two weeks."
        ): (
            "Per llegir el lloc web no cal cap compte ni es desa cap galeta. No "
            "carreguem res d'altres llocs web: ni rastrejadors, ni eines "
            "d'analítica, ni tipus de lletra o scripts de tercers. El personal "
            "que edita el lloc disposa d'un compte; una galeta de sessió manté la "
            "sessió oberta i s'elimina en tancar-la o al cap de dues setmanes."
        ),
        "Your rights": "Els vostres drets",
        (
            "You can ask for a copy of any personal data we hold about you, or "
            "for its erasure. Features that need your data say why beside each "
            "field, keep it only as long as stated, and let you export or erase "
            "it yourself."
        ): (
            "Podeu sol·licitar una còpia de qualsevol dada personal que tinguem "
            "sobre vós, o la seva supressió. Les funcionalitats que necessiten "
            "les vostres dades n'expliquen el motiu al costat de cada camp, les "
            "conserven només durant el termini indicat i us permeten exportar-les "
            "o suprimir-les pel vostre compte."
        ),
        # The campaigns (digitalrights/campaigns).
        "Campaigns": "Campanyes",
        (
            "Drives that bring more cities into the coalition, each with a target and a"
            " deadline. Progress counts the cities that joined in time."
        ): (
            "Iniciatives per sumar més ciutats a la coalició, cadascuna amb un objectiu"
            " i un termini. El progrés compta les ciutats que s'hi van adherir a temps."
        ),
        "100 cities in 100 days": "100 ciutats en 100 dies",
        (
            "The coalition's first campaign: from March 2019, it asked 100 more cities "
            "to sign the declaration within 100 days."
        ): (
            "La primera campanya de la coalició: des del març del 2019, va demanar a "
            "100 ciutats més que signessin la declaració en 100 dies."
        ),
        (
            "UN-Habitat, the UN Human Rights Office, United Cities and Local "
            "Governments and Eurocities launched the campaign on 28 March 2019 with the"
            " three founding cities, Amsterdam, Barcelona and New York City."
        ): (
            "ONU-Hàbitat, l'Oficina de Drets Humans de l'ONU, Ciutats i Governs Locals "
            "Units i Eurocities van llançar la campanya el 28 de març de 2019 amb les "
            "tres ciutats fundadores: Amsterdam, Barcelona i Nova York."
        ),
        (
            "A first wave of cities signed the declaration as it began. The campaign "
            "linked rights online with access itself: at the time, six in ten people in"
            " the world were not connected to the internet."
        ): (
            "Una primera onada de ciutats va signar la declaració tan bon punt va "
            "començar. La campanya va vincular els drets en línia amb el mateix accés: "
            "aleshores, sis de cada deu persones del món no estaven connectades a "
            "internet."
        ),
        # The checklist (digitalrights/membership).
        "Checklist of digital rights actions": (
            "Llista de comprovació d'accions en matèria de drets digitals"
        ),
        (
            "Before a city applies to join, it reviews where it stands on these "
            "actions. No city needs all of them in place: the application asks, "
            "for each one, whether it is in place, planned or not yet, with "
            "evidence."
        ): (
            "Abans de sol·licitar l'adhesió, cada ciutat revisa en quin punt es "
            "troba respecte a aquestes accions. Cap ciutat no les ha de tenir "
            "totes implantades: la sol·licitud pregunta, per a cadascuna, si està "
            "implantada, prevista o encara no, i en demana la justificació."
        ),
        "A commitment to broadband for every household": (
            "Un compromís amb la banda ampla per a totes les llars"
        ),
        (
            "Nobody can use their rights online without a fast, affordable "
            "connection at home."
        ): (
            "Ningú no pot exercir els seus drets a internet sense una connexió "
            "ràpida i assequible a casa."
        ),
        (
            "A published plan or council decision with a date, and a map of who is "
            "not yet connected."
        ): (
            "Un pla publicat o una decisió del consell municipal amb data, i un "
            "mapa de qui encara no té connexió."
        ),
        "Digital skills courses open to every resident": (
            "Cursos de competències digitals oberts a tots els residents"
        ),
        (
            "Access without skills leaves people out: older residents, newcomers "
            "and people on low incomes first."
        ): (
            "L'accés sense competències deixa persones al marge, començant per la "
            "gent gran, els nouvinguts i les persones amb ingressos baixos."
        ),
        (
            "Free courses in libraries or community centres, in the languages "
            "residents speak."
        ): (
            "Cursos gratuïts a biblioteques o centres cívics, en les llengües que "
            "parlen els residents."
        ),
        "Public campaigns on rights online": (
            "Campanyes públiques sobre els drets a internet"
        ),
        "Residents defend rights they know they have.": (
            "Els residents defensen els drets que saben que tenen."
        ),
        "A campaign, a week of events or a guide published in the last two years.": (
            "Una campanya, una setmana d'activitats o una guia publicada en els "
            "dos últims anys."
        ),
        "A published data protection policy": (
            "Una política de protecció de dades publicada"
        ),
        (
            "Residents should be able to read what the city does with their data "
            "and why."
        ): (
            "Els residents han de poder llegir què fa la ciutat amb les seves "
            "dades i per què."
        ),
        "The policy's address, and who in the city answers for it.": (
            "L'adreça web de la política i qui en respon a la ciutat."
        ),
        "A data protection office with the power to act": (
            "Una oficina de protecció de dades amb capacitat d'actuar"
        ),
        "Rules need someone who can stop a project that breaks them.": (
            "Les normes necessiten algú que pugui aturar un projecte que les "
            "incompleixi."
        ),
        "The office's mandate, and a case where it changed a project.": (
            "El mandat de l'oficina i un cas en què hagi fet canviar un projecte."
        ),
        "Tools that help residents protect themselves": (
            "Eines que ajuden els residents a protegir-se"
        ),
        (
            "Privacy is also a matter of everyday practice: passwords, devices, "
            "messaging."
        ): (
            "La privadesa també és una qüestió de pràctica quotidiana: "
            "contrasenyes, dispositius, missatgeria."
        ),
        "Workshops, guides or a help desk, and how many people used them.": (
            "Tallers, guies o un servei d'ajuda, i quantes persones els han fet servir."
        ),
        "A public register of the algorithms the city uses": (
            "Un registre públic dels algoritmes que fa servir la ciutat"
        ),
        (
            "People affected by an automated decision have a right to know it "
            "exists and how it works."
        ): (
            "Les persones afectades per una decisió automatitzada tenen dret a "
            "saber que existeix i com funciona."
        ),
        (
            "The register's address, with at least the systems that decide on "
            "benefits, permits or policing."
        ): (
            "L'adreça web del registre, que inclogui com a mínim els sistemes que "
            "decideixen sobre prestacions, llicències o actuacions policials."
        ),
        "An open data portal": "Un portal de dades obertes",
        "Data the city holds on behalf of residents should come back to them.": (
            "Les dades que la ciutat custodia en nom dels residents han de "
            "revertir en ells."
        ),
        "The portal's address, its licence and how often it is updated.": (
            "L'adreça web del portal, la seva llicència i cada quant s'actualitza."
        ),
        "A way to question an automated decision": (
            "Una via per impugnar una decisió automatitzada"
        ),
        "Transparency means little without a person who answers and can correct.": (
            "La transparència serveix de poc sense una persona que respongui i "
            "pugui corregir."
        ),
        "Where a resident objects, and how long the city takes to reply.": (
            "On presenta un resident la seva objecció i quant triga la ciutat a "
            "respondre."
        ),
        "An online platform for residents' proposals and votes": (
            "Una plataforma en línia per a les propostes i votacions dels residents"
        ),
        "Digital tools can widen who takes part in decisions, not only who watches.": (
            "Les eines digitals poden ampliar el cercle de les persones que "
            "participen en les decisions, no només el de les que les observen."
        ),
        "The platform, its source licence, and a decision it shaped.": (
            "La plataforma, la llicència del seu codi font i una decisió en què "
            "hagi influït."
        ),
        "A survey of who is online and who is not": (
            "Una enquesta sobre qui té connexió i qui no"
        ),
        "A city cannot include people it does not count.": (
            "Una ciutat no pot incloure les persones que no compta."
        ),
        (
            "A survey or study from the last three years, broken down by age, "
            "income and neighbourhood."
        ): (
            "Una enquesta o un estudi dels tres últims anys, desglossat per edat, "
            "ingressos i barri."
        ),
        "Accessible digital services": "Serveis digitals accessibles",
        "Services that a screen reader cannot use shut residents out.": (
            "Els serveis que no es poden fer servir amb un lector de pantalla "
            "deixen fora part dels residents."
        ),
        (
            "An accessibility statement and the standard the services meet (for "
            "example WCAG 2.2 AA)."
        ): (
            "Una declaració d'accessibilitat i la norma que compleixen els serveis "
            "(per exemple, WCAG 2.2 AA)."
        ),
        "Ethical standards written into technology contracts": (
            "Estàndards ètics incorporats als contractes de tecnologia"
        ),
        "What the city buys decides what its residents live with.": (
            "El que compra la ciutat determina el dia a dia dels seus residents."
        ),
        "Procurement clauses on data ownership, privacy and open standards.": (
            "Clàusules de contractació pública sobre la propietat de les dades, la "
            "privadesa i els estàndards oberts."
        ),
        "Open source and open standards by default": (
            "Codi obert i estàndards oberts per defecte"
        ),
        "Public money should build public code that other cities can reuse.": (
            "Els diners públics han de crear codi públic que altres ciutats puguin "
            "reutilitzar."
        ),
        "A policy, and the code the city has published.": (
            "Una política i el codi que ha publicat la ciutat."
        ),
        "Security reviews before a service goes live": (
            "Revisions de seguretat abans de posar en marxa un servei"
        ),
        "A service that leaks data breaks every promise made about it.": (
            "Un servei que filtra dades incompleix totes les promeses que se'n van fer."
        ),
        "Who reviews, what they check, and how incidents are reported.": (
            "Qui fa la revisió, què es comprova i com es notifiquen els incidents."
        ),
    },
    "fr": {
        "Cities for Digital Rights": "Villes pour les droits numériques",
        "Digital rights are human rights, in every city": (
            "Les droits numériques sont des droits humains, dans chaque ville"
        ),
        (
            "A coalition of cities that protect and promote the rights of "
            "residents and visitors online, working from five shared principles. "
            "Read the declaration, see what member cities are doing, and ask your "
            "own city to join."
        ): (
            "Une coalition de villes qui protègent et promeuvent les droits des "
            "habitants et des visiteurs en ligne, sur la base de cinq principes "
            "communs. Lisez la déclaration, découvrez ce que font les villes "
            "membres et demandez à votre ville d’y adhérer."
        ),
        "The declaration": "La déclaration",
        (
            "By signing this declaration, cities form the Cities Coalition for "
            "Digital Rights to protect and uphold human rights on the internet, "
            "locally and globally."
        ): (
            "En signant cette déclaration, les villes forment la Coalition des "
            "villes pour les droits numériques afin de protéger et de défendre "
            "les droits humains sur Internet, aux niveaux local et mondial."
        ),
        (
            "The internet is part of daily life, and so are its harms: speech "
            "censored, personal data watched, shared and sold without consent, "
            "opaque algorithms making decisions no one answers for, harassment, "
            "and public debate undermined. Cities are the democratic institutions "
            "closest to people. They commit to remove the obstacles that keep "
            "residents from the benefits of technology, to offer digital services "
            "people can trust, and to build rights such as privacy, free "
            "expression and democracy into the platforms they run."
        ): (
            "Internet fait partie de la vie quotidienne, tout comme ses méfaits : "
            "expression censurée, données personnelles surveillées, partagées et "
            "vendues sans consentement, algorithmes opaques prenant des décisions "
            "dont personne ne répond, harcèlement, débat public fragilisé. Les "
            "villes sont les institutions démocratiques les plus proches de la "
            "population. Elles s’engagent à lever les obstacles qui privent les "
            "habitants des bienfaits de la technologie, à proposer des services "
            "numériques dignes de confiance et à intégrer des droits tels que la "
            "vie privée, la liberté d’expression et la démocratie dans les "
            "plateformes qu’elles gèrent."
        ),
        (
            "With the support of UN-Habitat, and inspired by the Charter of Human "
            "Rights and Principles for the Internet, member cities share what "
            "works, learn from each other and act together on five principles, "
            "which will evolve as the coalition does."
        ): (
            "Avec le soutien d’ONU-Habitat, et inspirées par la Charte des droits "
            "humains et des principes pour Internet, les villes membres partagent "
            "ce qui fonctionne, apprennent les unes des autres et agissent "
            "ensemble autour de cinq principes, appelés à évoluer avec la "
            "coalition."
        ),
        "Universal and equal access to the internet, and digital literacy": (
            "Accès universel et égal à Internet, et éducation au numérique"
        ),
        (
            "Everyone can get online at a price they can afford, on equal terms, "
            "and has the skills to use that access and cross the digital divide."
        ): (
            "Chacun peut se connecter à Internet à un prix abordable et dans des "
            "conditions d’égalité, et dispose des compétences nécessaires pour "
            "tirer parti de cet accès et surmonter la fracture numérique."
        ),
        "What this asks of a city": "Ce qui est attendu d’une ville",
        (
            "Commit to broadband for every neighbourhood, free public connections "
            "where people need them, and digital skills programmes in libraries, "
            "schools and community centres, designed with the residents who are "
            "offline today."
        ): (
            "S’engager à offrir le haut débit dans chaque quartier, des "
            "connexions publiques gratuites là où les habitants en ont besoin et "
            "des programmes de compétences numériques dans les bibliothèques, les "
            "écoles et les centres sociaux, conçus avec les habitants aujourd’hui "
            "privés de connexion."
        ),
        "Privacy, data protection and security": (
            "Vie privée, protection des données et sécurité"
        ),
        (
            "Everyone keeps control of their personal information, online and in "
            "public space: confidentiality, security, dignity and anonymity, and "
            "the right to know who uses their data and why."
        ): (
            "Chacun garde la maîtrise de ses informations personnelles, en ligne "
            "comme dans l’espace public : confidentialité, sécurité, dignité et "
            "anonymat, ainsi que le droit de savoir qui utilise ses données et "
            "pourquoi."
        ),
        (
            "Publish a data protection policy, collect only the data a service "
            "needs, secure what is kept, and give residents simple tools to see, "
            "correct and delete what the city holds about them."
        ): (
            "Publier une politique de protection des données, ne collecter que "
            "les données nécessaires à chaque service, sécuriser celles qui sont "
            "conservées et offrir aux habitants des outils simples pour "
            "consulter, corriger et supprimer les informations que la ville "
            "détient à leur sujet."
        ),
        (
            "Transparency, accountability, and non-discrimination of data, "
            "content and algorithms"
        ): (
            "Transparence, responsabilité et non-discrimination des données, des "
            "contenus et des algorithmes"
        ),
        (
            "Everyone can find clear, accurate information about the "
            "technologies, algorithms and artificial intelligence that affect "
            "their lives, and can challenge and change systems that are unfair, "
            "biased or discriminatory."
        ): (
            "Chacun peut trouver des informations claires et exactes sur les "
            "technologies, les algorithmes et l’intelligence artificielle qui ont "
            "une incidence sur sa vie, et peut contester et faire évoluer les "
            "systèmes injustes, biaisés ou discriminatoires."
        ),
        (
            "Keep a public register of the algorithms the city uses, explain each "
            "in plain language, audit them for bias, open the data behind city "
            "services, and give residents a way to object."
        ): (
            "Tenir un registre public des algorithmes utilisés par la ville, "
            "expliquer chacun d’eux en langage clair, les auditer pour détecter "
            "les biais, ouvrir les données qui sous-tendent les services "
            "municipaux et donner aux habitants un moyen de s’y opposer."
        ),
        "Participatory democracy, diversity and inclusion": (
            "Démocratie participative, diversité et inclusion"
        ),
        (
            "Everyone is represented online and can shape, with the city, the "
            "technologies made for them, through open and transparent "
            "participation, treating digital infrastructure and data as a common "
            "good."
        ): (
            "Chacun est représenté en ligne et peut façonner, avec la ville, les "
            "technologies conçues pour lui, grâce à une participation ouverte et "
            "transparente qui considère les infrastructures numériques et les "
            "données comme un bien commun."
        ),
        (
            "Offer accessible participation platforms, reach the people they "
            "miss, and measure who is online and who is not, so that decisions "
            "about technology include everyone they affect."
        ): (
            "Proposer des plateformes de participation accessibles, aller vers "
            "les personnes qu’elles ne touchent pas et mesurer qui est connecté "
            "et qui ne l’est pas, afin que les décisions relatives à la "
            "technologie associent toutes les personnes concernées."
        ),
        "Open and ethical digital service standards": (
            "Normes ouvertes et éthiques pour les services numériques"
        ),
        (
            "Everyone can use the technology of their choice and expect "
            "interoperable, inclusive services; cities set their own digital "
            "agenda through open and ethical standards and data."
        ): (
            "Chacun peut utiliser la technologie de son choix et compter sur des "
            "services interopérables et inclusifs ; les villes définissent leur "
            "propre stratégie numérique grâce à des normes et à des données "
            "ouvertes et éthiques."
        ),
        (
            "Prefer open standards and open source, write ethical requirements "
            "into procurement, and keep control of the city's own infrastructure, "
            "services and data."
        ): (
            "Privilégier les normes ouvertes et les logiciels libres, inscrire "
            "des exigences éthiques dans les marchés publics et garder la "
            "maîtrise des infrastructures, des services et des données de la "
            "ville."
        ),
        "News": "Actualités",
        "What the coalition and its member cities are doing.": (
            "Ce que font la coalition et ses villes membres."
        ),
        "Amsterdam, Barcelona and New York launch the coalition": (
            "Amsterdam, Barcelone et New York lancent la coalition"
        ),
        (
            "Three cities join forces to protect residents' and visitors' digital "
            "rights, around five shared principles."
        ): (
            "Trois villes unissent leurs forces pour protéger les droits "
            "numériques des habitants et des visiteurs, autour de cinq principes "
            "communs."
        ),
        (
            "The founding cities commit to share practical examples of their "
            "work, learn from each other and create common action programmes, "
            "with the support of UN-Habitat. It is the first time that cities "
            "have joined to protect digital rights at a global level."
        ): (
            "Les villes fondatrices s’engagent à partager des exemples concrets "
            "de leur action, à apprendre les unes des autres et à créer des "
            "programmes d’action communs, avec le soutien d’ONU-Habitat. C’est la "
            "première fois que des villes s’unissent pour protéger les droits "
            "numériques à l’échelle mondiale."
        ),
        "A campaign for 100 cities in 100 days": (
            "Une campagne pour 100 villes en 100 jours"
        ),
        (
            "UN-Habitat, OHCHR, UCLG and Eurocities join the founding cities to "
            "invite 100 more cities to sign the declaration."
        ): (
            "ONU-Habitat, le HCDH, CGLU et Eurocities rejoignent les villes "
            "fondatrices pour inviter 100 autres villes à signer la déclaration."
        ),
        (
            "The campaign starts with a first wave of cities on four continents, "
            "among them Athens, Chicago, Helsinki, London, Lyon, Milan, Tirana "
            "and Vienna. Six in ten people in the world are still not connected "
            "to the internet: the campaign asks cities to act for access as well "
            "as for rights online."
        ): (
            "La campagne commence par une première vague de villes sur quatre "
            "continents, parmi lesquelles Athènes, Chicago, Helsinki, Londres, "
            "Lyon, Milan, Tirana et Vienne. Six personnes sur dix dans le monde "
            "ne sont toujours pas connectées à Internet : la campagne demande aux "
            "villes d’agir pour l’accès autant que pour les droits en ligne."
        ),
        "Toronto joins after a council decision": (
            "Toronto adhère sur décision du conseil municipal"
        ),
        (
            "Toronto's council voted to join in June 2019; the city signed the "
            "declaration in October."
        ): (
            "Le conseil municipal de Toronto a voté l’adhésion en juin 2019 ; la "
            "ville a signé la déclaration en octobre."
        ),
        (
            "Joining the coalition takes a clear political commitment, such as a "
            "council motion, and evidence of the policies and projects a city "
            "already runs. Toronto's path shows how."
        ): (
            "L’adhésion à la coalition suppose un engagement politique clair, "
            "comme une motion du conseil municipal, ainsi que des éléments "
            "attestant les politiques et les projets que la ville mène déjà. Le "
            "parcours de Toronto montre la marche à suivre."
        ),
        "About the coalition": "À propos de la coalition",
        (
            "Amsterdam, Barcelona and New York City launched the coalition in "
            "November 2018. It is now a network of more than fifty cities that "
            "help each other make policy based on digital rights."
        ): (
            "Amsterdam, Barcelone et New York ont lancé la coalition en novembre "
            "2018. Elle réunit aujourd’hui plus de cinquante villes qui "
            "s’entraident pour élaborer des politiques fondées sur les droits "
            "numériques."
        ),
        "Why cities": "Pourquoi les villes",
        (
            "Cities are often the democratic institutions closest to the people "
            "they serve, and they meet the consequences of digital rights "
            "violations first. They can try new policies quickly, set rules for "
            "public space, and use their purchasing power to favour technology "
            "that respects rights."
        ): (
            "Les villes sont souvent les institutions démocratiques les plus "
            "proches des personnes qu’elles servent, et elles sont les premières "
            "confrontées aux conséquences des atteintes aux droits numériques. "
            "Elles peuvent expérimenter rapidement de nouvelles politiques, fixer "
            "des règles pour l’espace public et utiliser leur pouvoir d’achat "
            "pour favoriser les technologies respectueuses des droits."
        ),
        "How the coalition works": "Comment fonctionne la coalition",
        (
            "Members apply expert knowledge to shared challenges, collect local "
            "cases to inform international policy, build toolkits of policies and "
            "technologies, and run working groups on topics such as artificial "
            "intelligence in public services, data sharing and digital inclusion."
        ): (
            "Les membres mettent leur expertise au service de défis communs, "
            "recueillent des expériences locales pour éclairer les politiques "
            "internationales, constituent des boîtes à outils de politiques et de "
            "technologies, et animent des groupes de travail sur des thèmes tels "
            "que l’intelligence artificielle dans les services publics, le "
            "partage de données et l’inclusion numérique."
        ),
        "What we aim for": "Nos objectifs",
        (
            "Better policies, laws and strategies for open and ethical digital "
            "services, in cities and worldwide."
        ): (
            "De meilleures politiques, lois et stratégies pour des services "
            "numériques ouverts et éthiques, dans les villes et dans le monde "
            "entier."
        ),
        "Affordable, accessible internet for all, with the skills to use it.": (
            "Un Internet abordable et accessible à tous, avec les compétences "
            "nécessaires pour l’utiliser."
        ),
        "More control for people over their personal information.": (
            "Davantage de maîtrise, pour chacun, de ses informations personnelles."
        ),
        (
            "Understanding of the algorithms that affect people, and the power to "
            "challenge unfair ones."
        ): (
            "Une meilleure compréhension des algorithmes qui touchent les "
            "personnes, et le pouvoir de contester ceux qui sont injustes."
        ),
        (
            "Open, participatory ways for residents to shape the technology "
            "designed for them."
        ): (
            "Des moyens ouverts et participatifs permettant aux habitants de "
            "façonner les technologies conçues pour eux."
        ),
        "Join us": "Rejoignez-nous",
        (
            "Cities that want to sign the declaration start with the checklist of "
            "digital rights actions, then apply. Organisations that promote "
            "digital rights are welcome to work with the coalition."
        ): (
            "Les villes qui souhaitent signer la déclaration commencent par la "
            "liste de contrôle des actions en faveur des droits numériques, puis "
            "déposent leur candidature. Les organisations qui promeuvent les "
            "droits numériques sont invitées à collaborer avec la coalition."
        ),
        "Partners": "Partenaires",
        (
            "The coalition works with international organisations, city networks "
            "and civil society groups that share its aims."
        ): (
            "La coalition travaille avec des organisations internationales, des "
            "réseaux de villes et des groupes de la société civile qui partagent "
            "ses objectifs."
        ),
        "UN-Habitat": "ONU-Habitat",
        (
            "The United Nations Human Settlements Programme supported the "
            "coalition from its launch and, with it, developed a digital rights "
            "governance framework for cities."
        ): (
            "Le Programme des Nations unies pour les établissements humains a "
            "soutenu la coalition dès son lancement et a élaboré avec elle un "
            "cadre de gouvernance des droits numériques à l’intention des villes."
        ),
        "UN Human Rights Office (OHCHR)": (
            "Haut-Commissariat des Nations unies aux droits de l’homme (HCDH)"
        ),
        (
            "The Office of the High Commissioner for Human Rights partners with "
            "the coalition to ground city policies in human rights."
        ): (
            "Le Haut-Commissariat aux droits de l’homme collabore avec la "
            "coalition pour ancrer les politiques municipales dans les droits "
            "humains."
        ),
        "United Cities and Local Governments (UCLG)": (
            "Cités et Gouvernements Locaux Unis (CGLU)"
        ),
        (
            "The world organisation of local and regional governments, a founding "
            "partner of the campaign to grow the coalition."
        ): (
            "L’organisation mondiale des gouvernements locaux et régionaux, "
            "partenaire fondateur de la campagne d’élargissement de la coalition."
        ),
        (
            "The network of large European cities, which furthers residents' "
            "digital rights among its members."
        ): (
            "Le réseau des grandes villes européennes, qui promeut les droits "
            "numériques des habitants auprès de ses membres."
        ),
        (
            "A network of cities that promotes open standards and encourages its "
            "members to endorse the declaration."
        ): (
            "Un réseau de villes qui promeut les normes ouvertes et encourage ses "
            "membres à souscrire à la déclaration."
        ),
        "Internet Rights and Principles Coalition": (
            "Coalition pour les droits et principes de l’Internet"
        ),
        (
            "The coalition at the UN Internet Governance Forum whose Charter of "
            "Human Rights and Principles for the Internet inspired the "
            "declaration."
        ): (
            "La coalition du Forum sur la gouvernance de l’Internet des Nations "
            "unies, dont la Charte des droits humains et des principes pour "
            "Internet a inspiré la déclaration."
        ),
        (
            "A non-profit working for an open and accessible internet, which "
            "supported the coalition's first campaign."
        ): (
            "Une organisation à but non lucratif qui œuvre pour un Internet "
            "ouvert et accessible et qui a soutenu la première campagne de la "
            "coalition."
        ),
        "Working groups": "Groupes de travail",
        (
            "Member cities work together in groups on the topics that matter most "
            "to them, and report on progress principle by principle."
        ): (
            "Les villes membres travaillent ensemble, en groupes, sur les sujets "
            "qui leur tiennent le plus à cœur, et rendent compte de leurs progrès "
            "principe par principe."
        ),
        "Transparency and participation": "Transparence et participation",
        (
            "Amsterdam and Barcelona lead the cities that open up how decisions are "
            "made, from algorithm registers to platforms where residents propose and "
            "vote."
        ): (
            "Amsterdam et Barcelone mènent les villes qui ouvrent la manière dont les "
            "décisions sont prises, des registres d’algorithmes aux plateformes où les"
            " habitants proposent et votent."
        ),
        "Proactive public services": "Services publics proactifs",
        (
            "Helsinki and Porto lead the work on services that reach residents before "
            "they have to ask, using only the data the city may share."
        ): (
            "Helsinki et Porto mènent les travaux sur des services qui vont au-devant "
            "des habitants avant qu’ils n’aient à les demander, avec les seules "
            "données que la ville peut partager."
        ),
        "Ethical technology and artificial intelligence": (
            "Technologie éthique et intelligence artificielle"
        ),
        (
            "New York City and Toronto lead the cities that check the algorithms and "
            "artificial intelligence they use for bias, and explain them to residents."
        ): (
            "New York et Toronto mènent les villes qui vérifient les biais des "
            "algorithmes et de l’intelligence artificielle qu’elles utilisent, et les "
            "expliquent aux habitants."
        ),
        "Digital inclusion": "Inclusion numérique",
        (
            "London and Portland lead the work on connections, devices and skills for "
            "the residents who are still offline."
        ): (
            "Londres et Portland mènent les travaux sur les connexions, les "
            "équipements et les compétences pour les habitants qui ne sont pas encore "
            "en ligne."
        ),
        "Empowering residents": "Pouvoir d’agir des habitants",
        (
            "Vienna and Dublin lead the cities that give residents the skills and the "
            "tools to take part in their digital city."
        ): (
            "Vienne et Dublin mènent les villes qui donnent aux habitants les "
            "compétences et les outils pour prendre part à leur ville numérique."
        ),
        "The global agenda": "L’agenda mondial",
        (
            "Bordeaux and Maceió lead the cities that carry the coalition's experience"
            " to international bodies and other city networks."
        ): (
            "Bordeaux et Maceió mènent les villes qui portent l’expérience de la "
            "coalition auprès des instances internationales et des autres réseaux de "
            "villes."
        ),
        (
            "One of the coalition's missions for 2023 to 2033, each led by two member "
            "cities."
        ): (
            "L’une des missions de la coalition pour 2023-2033, chacune menée par deux"
            " villes membres."
        ),
        "Working session": "Séance de travail",
        "Online call": "Réunion en ligne",
        "A day to compare approaches and agree the next steps.": (
            "Une journée pour comparer les approches et convenir des prochaines étapes."
        ),
        "Privacy": "Confidentialité",
        (
            "This site practises the principles it promotes: it collects as "
            "little as it can, and tells you exactly what and why."
        ): (
            "Ce site applique les principes qu’il défend : il collecte le moins "
            "de données possible et vous indique précisément lesquelles et "
            "pourquoi."
        ),
        "What we keep": "Ce que nous conservons",
        (
            "Reading the site needs no account and sets no cookie. We load "
            "nothing from other websites: no trackers, no analytics, no "
            "third-party fonts or scripts. Staff who edit the site have an "
            "account; a session cookie keeps them signed in and is deleted when "
            "they sign out or after two weeks."
        ): (
            "La consultation du site ne nécessite aucun compte et ne dépose aucun "
            "cookie. Nous ne chargeons rien depuis d’autres sites : ni traceurs, "
            "ni outils de mesure d’audience, ni polices ou scripts tiers. Les "
            "membres de l’équipe qui modifient le site disposent d’un compte ; un "
            "cookie de session les maintient connectés et est supprimé lorsqu’ils "
            "se déconnectent ou au bout de deux semaines."
        ),
        "Your rights": "Vos droits",
        (
            "You can ask for a copy of any personal data we hold about you, or "
            "for its erasure. Features that need your data say why beside each "
            "field, keep it only as long as stated, and let you export or erase "
            "it yourself."
        ): (
            "Vous pouvez demander une copie de toutes les données personnelles "
            "que nous détenons à votre sujet, ou leur effacement. Les "
            "fonctionnalités qui ont besoin de vos données en indiquent la raison "
            "à côté de chaque champ, ne les conservent que pendant la durée "
            "annoncée et vous permettent de les exporter ou de les effacer "
            "vous-même."
        ),
        # The campaigns (digitalrights/campaigns).
        "Campaigns": "Campagnes",
        (
            "Drives that bring more cities into the coalition, each with a target and a"
            " deadline. Progress counts the cities that joined in time."
        ): (
            "Des campagnes pour faire entrer davantage de villes dans la coalition, "
            "chacune avec un objectif et une échéance. La progression compte les villes"
            " qui ont adhéré à temps."
        ),
        "100 cities in 100 days": "100 villes en 100 jours",
        (
            "The coalition's first campaign: from March 2019, it asked 100 more cities "
            "to sign the declaration within 100 days."
        ): (
            "La première campagne de la coalition : à partir de mars 2019, elle a "
            "invité 100 villes de plus à signer la déclaration en 100 jours."
        ),
        (
            "UN-Habitat, the UN Human Rights Office, United Cities and Local "
            "Governments and Eurocities launched the campaign on 28 March 2019 with the"
            " three founding cities, Amsterdam, Barcelona and New York City."
        ): (
            "ONU-Habitat, le Haut-Commissariat des Nations unies aux droits de l’homme,"
            " Cités et Gouvernements Locaux Unis et Eurocities ont lancé la campagne le"
            " 28 mars 2019 avec les trois villes fondatrices, Amsterdam, Barcelone et "
            "New York."
        ),
        (
            "A first wave of cities signed the declaration as it began. The campaign "
            "linked rights online with access itself: at the time, six in ten people in"
            " the world were not connected to the internet."
        ): (
            "Une première vague de villes a signé la déclaration dès son lancement. La "
            "campagne liait les droits en ligne à l’accès lui-même : à l’époque, six "
            "personnes sur dix dans le monde n’étaient pas connectées à internet."
        ),
        # The checklist (digitalrights/membership).
        "Checklist of digital rights actions": (
            "Liste de contrôle des actions en faveur des droits numériques"
        ),
        (
            "Before a city applies to join, it reviews where it stands on these "
            "actions. No city needs all of them in place: the application asks, "
            "for each one, whether it is in place, planned or not yet, with "
            "evidence."
        ): (
            "Avant de présenter sa candidature, une ville fait le point sur sa "
            "situation au regard de ces actions. Aucune ville n’est tenue de les "
            "avoir toutes mises en place : pour chacune, la candidature demande si "
            "elle est déjà en place, prévue ou pas encore engagée, justificatifs à "
            "l’appui."
        ),
        "A commitment to broadband for every household": (
            "Un engagement pour le haut débit dans chaque foyer"
        ),
        (
            "Nobody can use their rights online without a fast, affordable "
            "connection at home."
        ): (
            "Personne ne peut exercer ses droits en ligne sans une connexion "
            "rapide et abordable à domicile."
        ),
        (
            "A published plan or council decision with a date, and a map of who is "
            "not yet connected."
        ): (
            "Un plan publié ou une délibération du conseil municipal fixant une "
            "échéance, et une carte des personnes qui ne sont pas encore "
            "connectées."
        ),
        "Digital skills courses open to every resident": (
            "Formations au numérique ouvertes à tous les habitants"
        ),
        (
            "Access without skills leaves people out: older residents, newcomers "
            "and people on low incomes first."
        ): (
            "L’accès sans les compétences laisse des personnes de côté, à "
            "commencer par les personnes âgées, les nouveaux arrivants et les "
            "ménages à faibles revenus."
        ),
        (
            "Free courses in libraries or community centres, in the languages "
            "residents speak."
        ): (
            "Des formations gratuites dans les bibliothèques ou les centres "
            "sociaux, dans les langues que parlent les habitants."
        ),
        "Public campaigns on rights online": (
            "Campagnes publiques sur les droits en ligne"
        ),
        "Residents defend rights they know they have.": (
            "Les habitants défendent les droits qu’ils savent avoir."
        ),
        "A campaign, a week of events or a guide published in the last two years.": (
            "Une campagne, une semaine d’événements ou un guide publiés au cours "
            "des deux dernières années."
        ),
        "A published data protection policy": (
            "Une politique de protection des données publiée"
        ),
        (
            "Residents should be able to read what the city does with their data "
            "and why."
        ): (
            "Les habitants doivent pouvoir lire ce que la ville fait de leurs "
            "données, et pourquoi."
        ),
        "The policy's address, and who in the city answers for it.": (
            "L’adresse web de la politique, et qui en répond au sein de la ville."
        ),
        "A data protection office with the power to act": (
            "Un service de protection des données habilité à agir"
        ),
        "Rules need someone who can stop a project that breaks them.": (
            "Les règles ont besoin de quelqu’un qui puisse arrêter un projet qui "
            "les enfreint."
        ),
        "The office's mandate, and a case where it changed a project.": (
            "Le mandat du service, et un cas où il a fait modifier un projet."
        ),
        "Tools that help residents protect themselves": (
            "Outils qui aident les habitants à se protéger"
        ),
        (
            "Privacy is also a matter of everyday practice: passwords, devices, "
            "messaging."
        ): (
            "La vie privée est aussi une affaire de pratiques quotidiennes : mots "
            "de passe, appareils, messageries."
        ),
        "Workshops, guides or a help desk, and how many people used them.": (
            "Des ateliers, des guides ou un service d’assistance, et le nombre de "
            "personnes qui y ont eu recours."
        ),
        "A public register of the algorithms the city uses": (
            "Un registre public des algorithmes utilisés par la ville"
        ),
        (
            "People affected by an automated decision have a right to know it "
            "exists and how it works."
        ): (
            "Les personnes concernées par une décision automatisée ont le droit de "
            "savoir qu’elle existe et comment elle fonctionne."
        ),
        (
            "The register's address, with at least the systems that decide on "
            "benefits, permits or policing."
        ): (
            "L’adresse web du registre, qui recense au moins les systèmes qui "
            "décident des aides sociales, des autorisations ou de l’action de la "
            "police."
        ),
        "An open data portal": "Un portail de données ouvertes",
        "Data the city holds on behalf of residents should come back to them.": (
            "Les données que la ville détient pour le compte des habitants doivent "
            "leur revenir."
        ),
        "The portal's address, its licence and how often it is updated.": (
            "L’adresse web du portail, sa licence et la fréquence de ses mises à jour."
        ),
        "A way to question an automated decision": (
            "Un moyen de contester une décision automatisée"
        ),
        "Transparency means little without a person who answers and can correct.": (
            "La transparence ne vaut pas grand-chose sans une personne qui réponde "
            "et puisse corriger."
        ),
        "Where a resident objects, and how long the city takes to reply.": (
            "Où un habitant peut formuler une objection, et dans quel délai la "
            "ville lui répond."
        ),
        "An online platform for residents' proposals and votes": (
            "Une plateforme en ligne pour les propositions et les votes des habitants"
        ),
        "Digital tools can widen who takes part in decisions, not only who watches.": (
            "Les outils numériques peuvent élargir le cercle de ceux qui prennent "
            "part aux décisions, et pas seulement de ceux qui les observent."
        ),
        "The platform, its source licence, and a decision it shaped.": (
            "La plateforme, la licence de son code source, et une décision qu’elle "
            "a contribué à façonner."
        ),
        "A survey of who is online and who is not": (
            "Une enquête sur qui est connecté et qui ne l’est pas"
        ),
        "A city cannot include people it does not count.": (
            "Une ville ne peut pas inclure les personnes qu’elle ne compte pas."
        ),
        (
            "A survey or study from the last three years, broken down by age, "
            "income and neighbourhood."
        ): (
            "Une enquête ou une étude des trois dernières années, ventilée par "
            "âge, revenu et quartier."
        ),
        "Accessible digital services": "Services numériques accessibles",
        "Services that a screen reader cannot use shut residents out.": (
            "Les services inutilisables avec un lecteur d’écran excluent une "
            "partie des habitants."
        ),
        (
            "An accessibility statement and the standard the services meet (for "
            "example WCAG 2.2 AA)."
        ): (
            "Une déclaration d’accessibilité et la norme que respectent les "
            "services (par exemple WCAG 2.2 AA)."
        ),
        "Ethical standards written into technology contracts": (
            "Normes éthiques inscrites dans les contrats technologiques"
        ),
        "What the city buys decides what its residents live with.": (
            "Ce que la ville achète détermine le quotidien de ses habitants."
        ),
        "Procurement clauses on data ownership, privacy and open standards.": (
            "Des clauses de marchés publics sur la propriété des données, la vie "
            "privée et les normes ouvertes."
        ),
        "Open source and open standards by default": (
            "Logiciels libres et normes ouvertes par défaut"
        ),
        "Public money should build public code that other cities can reuse.": (
            "L’argent public doit financer du code public que d’autres villes "
            "peuvent réutiliser."
        ),
        "A policy, and the code the city has published.": (
            "Une politique, et le code publié par la ville."
        ),
        "Security reviews before a service goes live": (
            "Audits de sécurité avant toute mise en ligne d’un service"
        ),
        "A service that leaks data breaks every promise made about it.": (
            "Un service qui laisse fuiter des données trahit toutes les promesses "
            "faites à son sujet."
        ),
        "Who reviews, what they check, and how incidents are reported.": (
            "Qui mène l’audit, ce qui est vérifié, et comment les incidents sont "
            "signalés."
        ),
    },
    "nl": {
        "Cities for Digital Rights": "Steden voor Digitale Rechten",
        "Digital rights are human rights, in every city": (
            "Digitale rechten zijn mensenrechten, in elke stad"
        ),
        (
            "A coalition of cities that protect and promote the rights of "
            "residents and visitors online, working from five shared principles. "
            "Read the declaration, see what member cities are doing, and ask your "
            "own city to join."
        ): (
            "Een coalitie van steden die de rechten van inwoners en bezoekers "
            "online beschermen en bevorderen, op basis van vijf gedeelde "
            "principes. Lees de verklaring, bekijk wat de lidsteden doen en vraag "
            "uw eigen stad om zich aan te sluiten."
        ),
        "The declaration": "De verklaring",
        (
            "By signing this declaration, cities form the Cities Coalition for "
            "Digital Rights to protect and uphold human rights on the internet, "
            "locally and globally."
        ): (
            "Met de ondertekening van deze verklaring vormen steden de Coalitie "
            "van Steden voor Digitale Rechten, om mensenrechten op internet te "
            "beschermen en te verdedigen, lokaal en wereldwijd."
        ),
        (
            "The internet is part of daily life, and so are its harms: speech "
            "censored, personal data watched, shared and sold without consent, "
            "opaque algorithms making decisions no one answers for, harassment, "
            "and public debate undermined. Cities are the democratic institutions "
            "closest to people. They commit to remove the obstacles that keep "
            "residents from the benefits of technology, to offer digital services "
            "people can trust, and to build rights such as privacy, free "
            "expression and democracy into the platforms they run."
        ): (
            "Het internet maakt deel uit van het dagelijks leven, net als de "
            "schaduwkanten ervan: gecensureerde meningsuiting, persoonsgegevens "
            "die zonder toestemming worden gevolgd, gedeeld en verkocht, "
            "ondoorzichtige algoritmen die beslissingen nemen waarvoor niemand "
            "verantwoording aflegt, intimidatie en een uitgehold publiek debat. "
            "Steden zijn de democratische instellingen die het dichtst bij de "
            "mensen staan. Zij zetten zich in om de obstakels weg te nemen die "
            "inwoners beletten van technologie te profiteren, om digitale "
            "diensten te bieden die mensen kunnen vertrouwen, en om rechten als "
            "privacy, vrijheid van meningsuiting en democratie in te bouwen in de "
            "platforms die zij beheren."
        ),
        (
            "With the support of UN-Habitat, and inspired by the Charter of Human "
            "Rights and Principles for the Internet, member cities share what "
            "works, learn from each other and act together on five principles, "
            "which will evolve as the coalition does."
        ): (
            "Met steun van UN-Habitat en geïnspireerd door het Handvest van "
            "Mensenrechten en Principes voor het Internet delen de lidsteden wat "
            "werkt, leren zij van elkaar en treden zij samen op rond vijf "
            "principes, die zich samen met de coalitie zullen ontwikkelen."
        ),
        "Universal and equal access to the internet, and digital literacy": (
            "Universele en gelijke toegang tot internet, en digitale geletterdheid"
        ),
        (
            "Everyone can get online at a price they can afford, on equal terms, "
            "and has the skills to use that access and cross the digital divide."
        ): (
            "Iedereen kan tegen een betaalbare prijs en op gelijke voorwaarden "
            "online gaan, en beschikt over de vaardigheden om die toegang te "
            "benutten en de digitale kloof te overbruggen."
        ),
        "What this asks of a city": "Wat dit van een stad vraagt",
        (
            "Commit to broadband for every neighbourhood, free public connections "
            "where people need them, and digital skills programmes in libraries, "
            "schools and community centres, designed with the residents who are "
            "offline today."
        ): (
            "Zich inzetten voor breedband in elke wijk, gratis openbare "
            "internetverbindingen waar mensen die nodig hebben, en programma's "
            "voor digitale vaardigheden in bibliotheken, scholen en buurthuizen, "
            "ontworpen samen met de inwoners die nu nog niet online zijn."
        ),
        "Privacy, data protection and security": (
            "Privacy, gegevensbescherming en beveiliging"
        ),
        (
            "Everyone keeps control of their personal information, online and in "
            "public space: confidentiality, security, dignity and anonymity, and "
            "the right to know who uses their data and why."
        ): (
            "Iedereen houdt de regie over de eigen persoonsgegevens, online en in "
            "de openbare ruimte: vertrouwelijkheid, veiligheid, waardigheid en "
            "anonimiteit, en het recht om te weten wie die gegevens gebruikt en "
            "waarom."
        ),
        (
            "Publish a data protection policy, collect only the data a service "
            "needs, secure what is kept, and give residents simple tools to see, "
            "correct and delete what the city holds about them."
        ): (
            "Een privacybeleid publiceren, alleen de gegevens verzamelen die een "
            "dienst nodig heeft, bewaarde gegevens beveiligen en inwoners "
            "eenvoudige middelen geven om in te zien, te corrigeren en te "
            "verwijderen wat de stad over hen heeft vastgelegd."
        ),
        (
            "Transparency, accountability, and non-discrimination of data, "
            "content and algorithms"
        ): (
            "Transparantie, verantwoording en non-discriminatie bij gegevens, "
            "inhoud en algoritmen"
        ),
        (
            "Everyone can find clear, accurate information about the "
            "technologies, algorithms and artificial intelligence that affect "
            "their lives, and can challenge and change systems that are unfair, "
            "biased or discriminatory."
        ): (
            "Iedereen kan heldere, juiste informatie vinden over de "
            "technologieën, algoritmen en kunstmatige intelligentie die hun leven "
            "beïnvloeden, en kan systemen die oneerlijk, bevooroordeeld of "
            "discriminerend zijn, aanvechten en veranderen."
        ),
        (
            "Keep a public register of the algorithms the city uses, explain each "
            "in plain language, audit them for bias, open the data behind city "
            "services, and give residents a way to object."
        ): (
            "Een openbaar register bijhouden van de algoritmen die de stad "
            "gebruikt, elk ervan in begrijpelijke taal uitleggen, ze controleren "
            "op vooringenomenheid, de data achter gemeentelijke diensten openbaar "
            "maken en inwoners een manier geven om bezwaar te maken."
        ),
        "Participatory democracy, diversity and inclusion": (
            "Participatieve democratie, diversiteit en inclusie"
        ),
        (
            "Everyone is represented online and can shape, with the city, the "
            "technologies made for them, through open and transparent "
            "participation, treating digital infrastructure and data as a common "
            "good."
        ): (
            "Iedereen is online vertegenwoordigd en kan samen met de stad "
            "vormgeven aan de technologie die voor hen wordt gemaakt, via open en "
            "transparante participatie waarin digitale infrastructuur en data als "
            "gemeengoed worden behandeld."
        ),
        (
            "Offer accessible participation platforms, reach the people they "
            "miss, and measure who is online and who is not, so that decisions "
            "about technology include everyone they affect."
        ): (
            "Toegankelijke participatieplatforms aanbieden, de mensen opzoeken "
            "die via die platforms niet worden bereikt, en meten wie online is en "
            "wie niet, zodat iedereen die door besluiten over technologie wordt "
            "geraakt, daarbij wordt betrokken."
        ),
        "Open and ethical digital service standards": (
            "Open en ethische standaarden voor digitale diensten"
        ),
        (
            "Everyone can use the technology of their choice and expect "
            "interoperable, inclusive services; cities set their own digital "
            "agenda through open and ethical standards and data."
        ): (
            "Iedereen kan technologie naar eigen keuze gebruiken en mag "
            "interoperabele, inclusieve diensten verwachten; steden bepalen hun "
            "eigen digitale agenda met open en ethische standaarden en data."
        ),
        (
            "Prefer open standards and open source, write ethical requirements "
            "into procurement, and keep control of the city's own infrastructure, "
            "services and data."
        ): (
            "Open standaarden en open source de voorkeur geven, ethische eisen "
            "opnemen in aanbestedingen en de regie houden over de eigen "
            "infrastructuur, diensten en data van de stad."
        ),
        "News": "Nieuws",
        "What the coalition and its member cities are doing.": (
            "Wat de coalitie en haar lidsteden doen."
        ),
        "Amsterdam, Barcelona and New York launch the coalition": (
            "Amsterdam, Barcelona en New York richten de coalitie op"
        ),
        (
            "Three cities join forces to protect residents' and visitors' digital "
            "rights, around five shared principles."
        ): (
            "Drie steden bundelen hun krachten om de digitale rechten van "
            "inwoners en bezoekers te beschermen, op basis van vijf gedeelde "
            "principes."
        ),
        (
            "The founding cities commit to share practical examples of their "
            "work, learn from each other and create common action programmes, "
            "with the support of UN-Habitat. It is the first time that cities "
            "have joined to protect digital rights at a global level."
        ): (
            "De oprichtende steden verbinden zich ertoe praktijkvoorbeelden van "
            "hun werk te delen, van elkaar te leren en gezamenlijke "
            "actieprogramma's op te zetten, met steun van UN-Habitat. Het is voor "
            "het eerst dat steden zich verenigen om digitale rechten wereldwijd "
            "te beschermen."
        ),
        "A campaign for 100 cities in 100 days": (
            "Een campagne voor 100 steden in 100 dagen"
        ),
        (
            "UN-Habitat, OHCHR, UCLG and Eurocities join the founding cities to "
            "invite 100 more cities to sign the declaration."
        ): (
            "UN-Habitat, OHCHR, UCLG en Eurocities sluiten zich aan bij de "
            "oprichtende steden om nog 100 steden uit te nodigen de verklaring te "
            "ondertekenen."
        ),
        (
            "The campaign starts with a first wave of cities on four continents, "
            "among them Athens, Chicago, Helsinki, London, Lyon, Milan, Tirana "
            "and Vienna. Six in ten people in the world are still not connected "
            "to the internet: the campaign asks cities to act for access as well "
            "as for rights online."
        ): (
            "De campagne begint met een eerste golf steden op vier continenten, "
            "waaronder Athene, Chicago, Helsinki, Londen, Lyon, Milaan, Tirana en "
            "Wenen. Zes op de tien mensen in de wereld hebben nog altijd geen "
            "internetverbinding: de campagne vraagt steden zich in te zetten voor "
            "toegang én voor rechten online."
        ),
        "Toronto joins after a council decision": (
            "Toronto sluit zich aan na een besluit van de gemeenteraad"
        ),
        (
            "Toronto's council voted to join in June 2019; the city signed the "
            "declaration in October."
        ): (
            "De gemeenteraad van Toronto stemde in juni 2019 voor toetreding; de "
            "stad ondertekende de verklaring in oktober."
        ),
        (
            "Joining the coalition takes a clear political commitment, such as a "
            "council motion, and evidence of the policies and projects a city "
            "already runs. Toronto's path shows how."
        ): (
            "Toetreden tot de coalitie vraagt om een duidelijke politieke "
            "toezegging, zoals een motie van de gemeenteraad, en om bewijs van "
            "het beleid en de projecten die de stad al uitvoert. Het voorbeeld "
            "van Toronto laat zien hoe dat gaat."
        ),
        "About the coalition": "Over de coalitie",
        (
            "Amsterdam, Barcelona and New York City launched the coalition in "
            "November 2018. It is now a network of more than fifty cities that "
            "help each other make policy based on digital rights."
        ): (
            "Amsterdam, Barcelona en New York hebben de coalitie in november 2018 "
            "opgericht. Inmiddels is het een netwerk van meer dan vijftig steden "
            "die elkaar helpen beleid te maken op basis van digitale rechten."
        ),
        "Why cities": "Waarom steden",
        (
            "Cities are often the democratic institutions closest to the people "
            "they serve, and they meet the consequences of digital rights "
            "violations first. They can try new policies quickly, set rules for "
            "public space, and use their purchasing power to favour technology "
            "that respects rights."
        ): (
            "Steden zijn vaak de democratische instellingen die het dichtst bij "
            "de mensen staan die zij dienen, en zij krijgen als eerste te maken "
            "met de gevolgen van schendingen van digitale rechten. Zij kunnen "
            "snel nieuw beleid uitproberen, regels stellen voor de openbare "
            "ruimte en hun inkoopkracht gebruiken om technologie te bevorderen "
            "die rechten respecteert."
        ),
        "How the coalition works": "Hoe de coalitie werkt",
        (
            "Members apply expert knowledge to shared challenges, collect local "
            "cases to inform international policy, build toolkits of policies and "
            "technologies, and run working groups on topics such as artificial "
            "intelligence in public services, data sharing and digital inclusion."
        ): (
            "De leden zetten hun expertise in voor gedeelde uitdagingen, "
            "verzamelen lokale praktijkvoorbeelden als input voor internationaal "
            "beleid, stellen toolkits samen met beleid en technologieën, en "
            "organiseren werkgroepen over onderwerpen als kunstmatige "
            "intelligentie in publieke dienstverlening, het delen van data en "
            "digitale inclusie."
        ),
        "What we aim for": "Waar we naar streven",
        (
            "Better policies, laws and strategies for open and ethical digital "
            "services, in cities and worldwide."
        ): (
            "Beter beleid, betere wetten en betere strategieën voor open en "
            "ethische digitale diensten, in steden en wereldwijd."
        ),
        "Affordable, accessible internet for all, with the skills to use it.": (
            "Betaalbaar, toegankelijk internet voor iedereen, met de vaardigheden "
            "om het te gebruiken."
        ),
        "More control for people over their personal information.": (
            "Meer zeggenschap voor mensen over hun persoonsgegevens."
        ),
        (
            "Understanding of the algorithms that affect people, and the power to "
            "challenge unfair ones."
        ): (
            "Inzicht in de algoritmen die mensen raken, en de mogelijkheid om "
            "oneerlijke algoritmen aan te vechten."
        ),
        (
            "Open, participatory ways for residents to shape the technology "
            "designed for them."
        ): (
            "Open, participatieve manieren waarop inwoners vorm kunnen geven aan "
            "de technologie die voor hen wordt ontworpen."
        ),
        "Join us": "Sluit u aan",
        (
            "Cities that want to sign the declaration start with the checklist of "
            "digital rights actions, then apply. Organisations that promote "
            "digital rights are welcome to work with the coalition."
        ): (
            "Steden die de verklaring willen ondertekenen, beginnen met de "
            "checklist van acties voor digitale rechten en dienen daarna een "
            "aanvraag in. Organisaties die digitale rechten bevorderen, zijn van "
            "harte welkom om met de coalitie samen te werken."
        ),
        "Partners": "Partners",
        (
            "The coalition works with international organisations, city networks "
            "and civil society groups that share its aims."
        ): (
            "De coalitie werkt samen met internationale organisaties, "
            "stedennetwerken en maatschappelijke organisaties die haar doelen "
            "delen."
        ),
        (
            "The United Nations Human Settlements Programme supported the "
            "coalition from its launch and, with it, developed a digital rights "
            "governance framework for cities."
        ): (
            "Het Programma van de Verenigde Naties voor Menselijke Nederzettingen "
            "steunde de coalitie vanaf de oprichting en ontwikkelde samen met "
            "haar een kader voor de governance van digitale rechten in steden."
        ),
        "UN Human Rights Office (OHCHR)": "VN-Mensenrechtenbureau (OHCHR)",
        (
            "The Office of the High Commissioner for Human Rights partners with "
            "the coalition to ground city policies in human rights."
        ): (
            "Het Bureau van de Hoge Commissaris voor de Mensenrechten werkt samen "
            "met de coalitie om stedelijk beleid te verankeren in de "
            "mensenrechten."
        ),
        (
            "The world organisation of local and regional governments, a founding "
            "partner of the campaign to grow the coalition."
        ): (
            "De wereldwijde organisatie van lokale en regionale overheden, een "
            "van de oprichtende partners van de campagne om de coalitie uit te "
            "breiden."
        ),
        (
            "The network of large European cities, which furthers residents' "
            "digital rights among its members."
        ): (
            "Het netwerk van grote Europese steden, dat onder zijn leden de "
            "digitale rechten van inwoners bevordert."
        ),
        (
            "A network of cities that promotes open standards and encourages its "
            "members to endorse the declaration."
        ): (
            "Een stedennetwerk dat open standaarden bevordert en zijn leden "
            "aanmoedigt de verklaring te onderschrijven."
        ),
        (
            "The coalition at the UN Internet Governance Forum whose Charter of "
            "Human Rights and Principles for the Internet inspired the "
            "declaration."
        ): (
            "De coalitie binnen het Internet Governance Forum van de VN waarvan "
            "het Handvest van Mensenrechten en Principes voor het Internet de "
            "inspiratie vormde voor de verklaring."
        ),
        (
            "A non-profit working for an open and accessible internet, which "
            "supported the coalition's first campaign."
        ): (
            "Een non-profitorganisatie die zich inzet voor een open en "
            "toegankelijk internet en die de eerste campagne van de coalitie "
            "steunde."
        ),
        "Working groups": "Werkgroepen",
        (
            "Member cities work together in groups on the topics that matter most "
            "to them, and report on progress principle by principle."
        ): (
            "Lidsteden werken in groepen samen aan de onderwerpen die voor hen "
            "het belangrijkst zijn, en rapporteren per principe over hun "
            "voortgang."
        ),
        "Transparency and participation": "Transparantie en participatie",
        (
            "Amsterdam and Barcelona lead the cities that open up how decisions are "
            "made, from algorithm registers to platforms where residents propose and "
            "vote."
        ): (
            "Amsterdam en Barcelona leiden de steden die openheid geven over hoe "
            "besluiten worden genomen, van algoritmeregisters tot platforms waar "
            "inwoners voorstellen doen en stemmen."
        ),
        "Proactive public services": "Proactieve publieke dienstverlening",
        (
            "Helsinki and Porto lead the work on services that reach residents before "
            "they have to ask, using only the data the city may share."
        ): (
            "Helsinki en Porto leiden het werk aan diensten die inwoners bereiken "
            "voordat zij erom hoeven te vragen, met alleen de gegevens die de stad mag"
            " delen."
        ),
        "Ethical technology and artificial intelligence": (
            "Ethische technologie en kunstmatige intelligentie"
        ),
        (
            "New York City and Toronto lead the cities that check the algorithms and "
            "artificial intelligence they use for bias, and explain them to residents."
        ): (
            "New York City en Toronto leiden de steden die de algoritmen en "
            "kunstmatige intelligentie die zij gebruiken op vooringenomenheid toetsen "
            "en aan inwoners uitleggen."
        ),
        "Digital inclusion": "Digitale inclusie",
        (
            "London and Portland lead the work on connections, devices and skills for "
            "the residents who are still offline."
        ): (
            "Londen en Portland leiden het werk aan verbindingen, apparaten en "
            "vaardigheden voor inwoners die nog niet online zijn."
        ),
        "Empowering residents": "Inwoners in hun kracht zetten",
        (
            "Vienna and Dublin lead the cities that give residents the skills and the "
            "tools to take part in their digital city."
        ): (
            "Wenen en Dublin leiden de steden die inwoners de vaardigheden en middelen"
            " geven om mee te doen in hun digitale stad."
        ),
        "The global agenda": "De mondiale agenda",
        (
            "Bordeaux and Maceió lead the cities that carry the coalition's experience"
            " to international bodies and other city networks."
        ): (
            "Bordeaux en Maceió leiden de steden die de ervaring van de coalitie "
            "inbrengen bij internationale organisaties en andere stedennetwerken."
        ),
        (
            "One of the coalition's missions for 2023 to 2033, each led by two member "
            "cities."
        ): (
            "Een van de missies van de coalitie voor 2023-2033, elk geleid door twee "
            "lidsteden."
        ),
        "Working session": "Werksessie",
        "Online call": "Online overleg",
        "A day to compare approaches and agree the next steps.": (
            "Een dag om aanpakken te vergelijken en de volgende stappen af te spreken."
        ),
        "Privacy": "Privacy",
        (
            "This site practises the principles it promotes: it collects as "
            "little as it can, and tells you exactly what and why."
        ): (
            "Deze website brengt de principes die ze uitdraagt in de praktijk: ze "
            "verzamelt zo weinig mogelijk gegevens en vertelt u precies welke en "
            "waarom."
        ),
        "What we keep": "Wat we bewaren",
        (
            "Reading the site needs no account and sets no cookie. We load "
            "nothing from other websites: no trackers, no analytics, no "
            "third-party fonts or scripts. Staff who edit the site have an "
            "account; a session cookie keeps them signed in and is deleted when "
            "they sign out or after two weeks."
        ): (
            "Voor het lezen van de site is geen account nodig en er wordt geen "
            "cookie geplaatst. We laden niets van andere websites: geen trackers, "
            "geen analysetools, geen lettertypen of scripts van derden. "
            "Medewerkers die de site bewerken, hebben een account; een "
            "sessiecookie houdt hen ingelogd en wordt verwijderd wanneer zij "
            "uitloggen of na twee weken."
        ),
        "Your rights": "Uw rechten",
        (
            "You can ask for a copy of any personal data we hold about you, or "
            "for its erasure. Features that need your data say why beside each "
            "field, keep it only as long as stated, and let you export or erase "
            "it yourself."
        ): (
            "U kunt een kopie opvragen van alle persoonsgegevens die wij over u "
            "bewaren, of vragen die te wissen. Functies die uw gegevens nodig "
            "hebben, vermelden bij elk veld waarom, bewaren ze niet langer dan "
            "aangegeven en laten u ze zelf exporteren of wissen."
        ),
        # The campaigns (digitalrights/campaigns).
        "Campaigns": "Campagnes",
        (
            "Drives that bring more cities into the coalition, each with a target and a"
            " deadline. Progress counts the cities that joined in time."
        ): (
            "Acties om meer steden bij de coalitie te brengen, elk met een doel en een "
            "einddatum. De voortgang telt de steden die op tijd zijn toegetreden."
        ),
        "100 cities in 100 days": "100 steden in 100 dagen",
        (
            "The coalition's first campaign: from March 2019, it asked 100 more cities "
            "to sign the declaration within 100 days."
        ): (
            "De eerste campagne van de coalitie: vanaf maart 2019 vroeg ze nog 100 "
            "steden om binnen 100 dagen de verklaring te ondertekenen."
        ),
        (
            "UN-Habitat, the UN Human Rights Office, United Cities and Local "
            "Governments and Eurocities launched the campaign on 28 March 2019 with the"
            " three founding cities, Amsterdam, Barcelona and New York City."
        ): (
            "UN-Habitat, het VN-Mensenrechtenbureau, United Cities and Local "
            "Governments en Eurocities lanceerden de campagne op 28 maart 2019 met de "
            "drie oprichtende steden: Amsterdam, Barcelona en New York."
        ),
        (
            "A first wave of cities signed the declaration as it began. The campaign "
            "linked rights online with access itself: at the time, six in ten people in"
            " the world were not connected to the internet."
        ): (
            "Een eerste golf steden ondertekende de verklaring meteen bij de start. De "
            "campagne verbond rechten online met toegang zelf: destijds had zes op de "
            "tien mensen in de wereld geen internetverbinding."
        ),
        # The checklist (digitalrights/membership).
        "Checklist of digital rights actions": (
            "Checklist van acties voor digitale rechten"
        ),
        (
            "Before a city applies to join, it reviews where it stands on these "
            "actions. No city needs all of them in place: the application asks, "
            "for each one, whether it is in place, planned or not yet, with "
            "evidence."
        ): (
            "Voordat een stad het lidmaatschap aanvraagt, brengt zij in kaart hoe "
            "zij ervoor staat bij deze acties. Geen enkele stad hoeft ze allemaal "
            "al te hebben gerealiseerd: in de aanvraag geeft de stad per actie aan "
            "of die gerealiseerd is, gepland is of nog niet, en onderbouwt zij dat "
            "met bewijs."
        ),
        "A commitment to broadband for every household": (
            "Een toezegging dat elk huishouden breedband krijgt"
        ),
        (
            "Nobody can use their rights online without a fast, affordable "
            "connection at home."
        ): (
            "Zonder een snelle, betaalbare verbinding thuis kunnen mensen hun "
            "rechten online niet uitoefenen."
        ),
        (
            "A published plan or council decision with a date, and a map of who is "
            "not yet connected."
        ): (
            "Een gepubliceerd plan of raadsbesluit met een datum, en een kaart van "
            "wie nog geen verbinding heeft."
        ),
        "Digital skills courses open to every resident": (
            "Cursussen digitale vaardigheden, open voor alle inwoners"
        ),
        (
            "Access without skills leaves people out: older residents, newcomers "
            "and people on low incomes first."
        ): (
            "Toegang zonder vaardigheden sluit mensen uit, te beginnen met oudere "
            "inwoners, nieuwkomers en mensen met een laag inkomen."
        ),
        (
            "Free courses in libraries or community centres, in the languages "
            "residents speak."
        ): (
            "Gratis cursussen in bibliotheken of buurthuizen, in de talen die "
            "inwoners spreken."
        ),
        "Public campaigns on rights online": "Publiekscampagnes over rechten online",
        "Residents defend rights they know they have.": (
            "Inwoners komen op voor de rechten waarvan ze weten dat ze die hebben."
        ),
        "A campaign, a week of events or a guide published in the last two years.": (
            "Een campagne, een week met activiteiten of een gids, gepubliceerd in "
            "de afgelopen twee jaar."
        ),
        "A published data protection policy": "Een gepubliceerd privacybeleid",
        (
            "Residents should be able to read what the city does with their data "
            "and why."
        ): (
            "Inwoners moeten kunnen lezen wat de stad met hun gegevens doet en waarom."
        ),
        "The policy's address, and who in the city answers for it.": (
            "Het webadres van het beleid, en wie er binnen de stad "
            "verantwoordelijk voor is."
        ),
        "A data protection office with the power to act": (
            "Een bureau voor gegevensbescherming met doorzettingsmacht"
        ),
        "Rules need someone who can stop a project that breaks them.": (
            "Regels hebben iemand nodig die een project kan stilleggen als het die "
            "regels overtreedt."
        ),
        "The office's mandate, and a case where it changed a project.": (
            "Het mandaat van het bureau, en een geval waarin het een project heeft "
            "laten aanpassen."
        ),
        "Tools that help residents protect themselves": (
            "Hulpmiddelen waarmee inwoners zichzelf kunnen beschermen"
        ),
        (
            "Privacy is also a matter of everyday practice: passwords, devices, "
            "messaging."
        ): (
            "Privacy is ook een kwestie van dagelijkse gewoonten: wachtwoorden, "
            "apparaten, berichtenapps."
        ),
        "Workshops, guides or a help desk, and how many people used them.": (
            "Workshops, handleidingen of een helpdesk, en hoeveel mensen daar "
            "gebruik van maakten."
        ),
        "A public register of the algorithms the city uses": (
            "Een openbaar register van de algoritmen die de stad gebruikt"
        ),
        (
            "People affected by an automated decision have a right to know it "
            "exists and how it works."
        ): (
            "Wie door een geautomatiseerd besluit wordt geraakt, heeft het recht "
            "te weten dat het bestaat en hoe het werkt."
        ),
        (
            "The register's address, with at least the systems that decide on "
            "benefits, permits or policing."
        ): (
            "Het webadres van het register, met ten minste de systemen die "
            "beslissen over uitkeringen, vergunningen of politie-inzet."
        ),
        "An open data portal": "Een open dataportaal",
        "Data the city holds on behalf of residents should come back to them.": (
            "Data die de stad namens inwoners beheert, horen ook weer bij hen "
            "terecht te komen."
        ),
        "The portal's address, its licence and how often it is updated.": (
            "Het webadres van het portaal, de licentie en hoe vaak het wordt "
            "bijgewerkt."
        ),
        "A way to question an automated decision": (
            "Een manier om een geautomatiseerd besluit aan te vechten"
        ),
        "Transparency means little without a person who answers and can correct.": (
            "Transparantie betekent weinig zonder iemand die antwoord geeft en "
            "fouten kan herstellen."
        ),
        "Where a resident objects, and how long the city takes to reply.": (
            "Waar een inwoner bezwaar maakt, en hoe lang de stad over een antwoord "
            "doet."
        ),
        "An online platform for residents' proposals and votes": (
            "Een onlineplatform voor voorstellen en stemmingen van inwoners"
        ),
        "Digital tools can widen who takes part in decisions, not only who watches.": (
            "Digitale hulpmiddelen kunnen de kring verbreden van wie meebeslist, "
            "niet alleen van wie toekijkt."
        ),
        "The platform, its source licence, and a decision it shaped.": (
            "Het platform, de licentie van de broncode, en een besluit waaraan het "
            "heeft bijgedragen."
        ),
        "A survey of who is online and who is not": (
            "Een onderzoek naar wie online is en wie niet"
        ),
        "A city cannot include people it does not count.": (
            "Een stad kan geen mensen betrekken die ze niet meetelt."
        ),
        (
            "A survey or study from the last three years, broken down by age, "
            "income and neighbourhood."
        ): (
            "Een enquête of onderzoek uit de afgelopen drie jaar, uitgesplitst "
            "naar leeftijd, inkomen en wijk."
        ),
        "Accessible digital services": "Toegankelijke digitale diensten",
        "Services that a screen reader cannot use shut residents out.": (
            "Diensten die niet werken met een schermlezer, sluiten inwoners buiten."
        ),
        (
            "An accessibility statement and the standard the services meet (for "
            "example WCAG 2.2 AA)."
        ): (
            "Een toegankelijkheidsverklaring en de standaard waaraan de diensten "
            "voldoen (bijvoorbeeld WCAG 2.2 AA)."
        ),
        "Ethical standards written into technology contracts": (
            "Ethische normen in technologiecontracten"
        ),
        "What the city buys decides what its residents live with.": (
            "Wat de stad inkoopt, bepaalt waarmee haar inwoners moeten leven."
        ),
        "Procurement clauses on data ownership, privacy and open standards.": (
            "Clausules in aanbestedingen over eigendom van data, privacy en open "
            "standaarden."
        ),
        "Open source and open standards by default": (
            "Open source en open standaarden als uitgangspunt"
        ),
        "Public money should build public code that other cities can reuse.": (
            "Publiek geld hoort publieke code op te leveren die andere steden "
            "kunnen hergebruiken."
        ),
        "A policy, and the code the city has published.": (
            "Een beleidsdocument, en de code die de stad heeft gepubliceerd."
        ),
        "Security reviews before a service goes live": (
            "Beveiligingstoetsen voordat een dienst live gaat"
        ),
        "A service that leaks data breaks every promise made about it.": (
            "Een dienst die gegevens lekt, breekt elke belofte die erover is gedaan."
        ),
        "Who reviews, what they check, and how incidents are reported.": (
            "Wie de toets uitvoert, wat er wordt gecontroleerd en hoe incidenten "
            "worden gemeld."
        ),
    },
}
