package demo

// The demo network is fictional: towns are real North Carolina places, every
// institution and person is made up.

var chapters = []struct {
	name         string
	institutions []institution
}{
	{"Durham", []institution{
		{"Iglesia San José", "congregation"}, {"Parroquia Inmaculada Concepción", "congregation"},
		{"Centro Comunitario El Puente", "community_center"}, {"Escuela Primaria Lakewood", "school"},
		{"Comité de Inquilinos Unidos", "nonprofit"}}},
	{"Raleigh", []institution{
		{"Parroquia Nuestra Señora de Guadalupe", "congregation"}, {"First Baptist Church of Oberlin", "congregation"},
		{"Sindicato de Trabajadores de la Construcción Local 12", "union"}, {"Centro Latino de Raleigh", "community_center"},
		{"Madres Unidas por la Educación", "nonprofit"}}},
	{"Charlotte", []institution{
		{"Iglesia Cristiana Roca de Salvación", "congregation"}, {"St. Peter Claver Catholic Church", "congregation"},
		{"Unión de Trabajadores del Hogar", "union"}, {"Centro Comunitario Camino", "community_center"},
		{"Escuela Secundaria Garinger", "school"}}},
	{"Greensboro", []institution{
		{"Iglesia Metodista Unida Emanuel", "congregation"}, {"Parroquia San Pablo Apóstol", "congregation"},
		{"Centro de Recursos para Familias Inmigrantes", "community_center"}, {"Jóvenes en Acción", "nonprofit"},
		{"Sindicato Avícola del Piedmont", "union"}}},
	{"Siler City", []institution{
		{"Parroquia San Julián", "congregation"}, {"Iglesia Pentecostal Monte Sinaí", "congregation"},
		{"Trabajadores Avícolas Unidos", "union"}, {"Centro Comunitario Hispano de Chatham", "community_center"},
		{"Escuela Primaria Virginia Cross", "school"}}},
	{"Winston-Salem", []institution{
		{"Iglesia Bautista Hispana Getsemaní", "congregation"}, {"Our Lady of Mercy Parish", "congregation"},
		{"Centro Comunitario La Esperanza", "community_center"}, {"Liga de Padres de Familia", "nonprofit"},
		{"Trabajadores Agrícolas Organizados", "union"}}},
}

type institution struct{ name, kind string }

var firstNamesES = []string{
	"José", "María", "Juan", "Guadalupe", "Luis", "Ana", "Carlos", "Rosa", "Jesús", "Carmen",
	"Francisco", "Sofía", "Miguel", "Lucía", "Alejandro", "Ximena", "Fernando", "Dolores", "Ángel", "Marisol",
	"Ramón", "Yolanda", "Efraín", "Itzel", "Héctor", "Beatriz", "Ignacio", "Maricela", "Óscar", "Leticia",
}

var firstNamesEN = []string{
	"James", "Mary", "Robert", "Patricia", "Michael", "Linda", "David", "Barbara", "William", "Susan",
	"Angela", "Marcus", "Keisha", "Thomas", "Grace", "Daniel", "Tamika", "Kevin", "Emily", "Andre",
}

var lastNamesES = []string{
	"García", "Hernández", "López", "Martínez", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz",
	"Flores", "Gómez", "Díaz", "Reyes", "Morales", "Jiménez", "Ruiz", "Álvarez", "Castillo", "Ortiz",
	"Núñez", "Peña", "Ibáñez", "Villaseñor", "Muñoz", "Domínguez", "Vázquez", "Chávez", "Orozco", "Toledo",
}

var lastNamesEN = []string{
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Moore", "Taylor",
	"Jackson", "Harris", "Robinson", "Walker", "Green", "Baker", "Carter", "Mitchell", "Turner", "Parker",
}
